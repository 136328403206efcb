export type { JolokiaApi, JolokiaCallOptions, JolokiaError, JolokiaRead, JolokiaValue } from "./api.js";
export { what as describeRead } from "./client.js";
export { connectJolokia, type JolokiaConnection } from "./connect.js";
export { numericValue } from "./value.js";

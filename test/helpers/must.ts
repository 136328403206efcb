import type { Result } from "../../src/drivers/result.js";

/** The value of a result, or the test fails with the error's message. */
export const must = <T>(r: Result<T, { readonly message: string }>): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

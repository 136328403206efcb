// Generated from stdlib/*.xdc by `npm run stdlib`; test/language/stdlib.test.ts fails when it is stale.
export const STDLIB: Readonly<Record<string, string>> = {};

import { expect } from "chai";
import { Lexer } from "chevrotain";
import { allTokens, lexerConfig } from "../../src/language/lexer.js";
import { XdcParser } from "../../src/language/parser.js";

// The shipped lexer and parser skip Chevrotain's definition checks to start faster; these
// run them, so an ambiguous rule or a token that can never match fails here.
describe("grammar validation", () => {
  it("the parser has no ambiguity or other definition error", () => {
    expect(() => new XdcParser({ validate: true })).not.to.throw();
  });
  it("the lexer's tokens pass Chevrotain's checks and keep its optimisations", () => {
    expect(() => new Lexer(allTokens, { ...lexerConfig, skipValidations: false })).not.to.throw();
  });
});

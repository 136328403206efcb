import { CstParser, tokenMatcher, type CstNode, type IRecognitionException, type IToken, type TokenType } from "chevrotain";
import * as T from "./lexer.js";

/**
 * The grammar of .xdc, as a Chevrotain CST parser with error recovery: one run reports every
 * syntax error, and lower.ts turns whatever CST survives into the typed AST.
 * grammar/xdc.ebnf is the same grammar for people; a test keeps the two in step.
 * Doc comments on rules become the syntax reference.
 */

const NAME_TOKENS: TokenType[] = [T.Identifier, ...T.KEYWORDS.map((w) => T.K[w])];
const PHASE_TOKENS = [T.K.setup, T.K.steady, T.K.run, T.K.verify, T.K.teardown];
const COMPARISON = [T.EqEq, T.NotEq, T.LessEq, T.GreaterEq, T.Less, T.Greater];

export class XdcParser extends CstParser {
  constructor() {
    super(T.allTokens, { recoveryEnabled: true, nodeLocationTracking: "full", maxLookahead: 3 });
    this.performSelfAnalysis();
  }

  /** file ::= item* */
  public readonly file = this.RULE("file", () => {
    this.MANY(() => this.SUBRULE(this.item));
  });

  /** item ::= import | scenario | environment | definition | let | ";" */
  private readonly item = this.RULE("item", () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.importDecl) },
      { ALT: () => this.SUBRULE(this.scenarioDecl) },
      { ALT: () => this.SUBRULE(this.environmentDecl) },
      { ALT: () => this.SUBRULE(this.definition) },
      { ALT: () => this.SUBRULE(this.letStmt) },
      { ALT: () => this.CONSUME(T.Semicolon) },
    ]);
  });

  /** import ::= "import" STRING ("as" IDENT)? */
  private readonly importDecl = this.RULE("importDecl", () => {
    this.CONSUME(T.K.import);
    this.CONSUME(T.StringLiteral, { LABEL: "path" });
    this.OPTION(() => {
      this.CONSUME(T.K.as);
      this.CONSUME(T.Identifier, { LABEL: "alias" });
    });
  });

  /** scenario ::= "scenario" STRING "{" (setting | let | phaseBlock | ";")* "}" */
  private readonly scenarioDecl = this.RULE("scenarioDecl", () => {
    this.CONSUME(T.K.scenario);
    this.SUBRULE(this.stringLit, { LABEL: "name" });
    this.CONSUME(T.LBrace);
    this.MANY(() =>
      this.OR([
        { ALT: () => this.SUBRULE(this.phaseBlock) },
        { ALT: () => this.SUBRULE(this.letStmt) },
        { ALT: () => this.SUBRULE(this.setting) },
        { ALT: () => this.CONSUME(T.Semicolon) },
      ]),
    );
    this.CONSUME(T.RBrace);
  });

  /** setting ::= IDENT ":" expression */
  private readonly setting = this.RULE("setting", () => {
    this.CONSUME(T.Identifier, { LABEL: "key" });
    this.CONSUME(T.Colon);
    this.SUBRULE(this.expression, { LABEL: "value" });
  });

  /** phaseBlock ::= ("setup" | "steady" | "run" | "verify" | "teardown") block */
  private readonly phaseBlock = this.RULE("phaseBlock", () => {
    this.OR(PHASE_TOKENS.map((tok) => ({ ALT: () => this.CONSUME(tok, { LABEL: "phase" }) })));
    this.SUBRULE(this.block);
  });

  /** environment ::= "environment" IDENT "{" (dc | setting | ";")* "}" */
  private readonly environmentDecl = this.RULE("environmentDecl", () => {
    this.CONSUME(T.K.environment);
    this.CONSUME(T.Identifier, { LABEL: "name" });
    this.CONSUME(T.LBrace);
    this.MANY(() =>
      this.OR([
        {
          GATE: () => this.LA(1).image === "dc" && tokenMatcher(this.LA(2), T.Identifier),
          ALT: () => this.SUBRULE(this.dcDecl),
        },
        { ALT: () => this.SUBRULE(this.setting) },
        { ALT: () => this.CONSUME(T.Semicolon) },
      ]),
    );
    this.CONSUME(T.RBrace);
  });

  /** dc ::= "dc" IDENT "{" (setting | ";")* "}"   ("dc" is a contextual keyword) */
  private readonly dcDecl = this.RULE("dcDecl", () => {
    this.CONSUME(T.Identifier, { LABEL: "dcKeyword" });
    this.CONSUME2(T.Identifier, { LABEL: "name" });
    this.CONSUME(T.LBrace);
    this.MANY(() =>
      this.OR([{ ALT: () => this.SUBRULE(this.setting) }, { ALT: () => this.CONSUME(T.Semicolon) }]),
    );
    this.CONSUME(T.RBrace);
  });

  /** definition ::= ("fault" | "check") IDENT "(" params? ")" block */
  private readonly definition = this.RULE("definition", () => {
    this.OR([
      { ALT: () => this.CONSUME(T.K.fault, { LABEL: "sort" }) },
      { ALT: () => this.CONSUME(T.K.check, { LABEL: "sort" }) },
    ]);
    this.CONSUME(T.Identifier, { LABEL: "name" });
    this.CONSUME(T.LParen);
    this.OPTION(() => {
      this.SUBRULE(this.param);
      this.MANY(() => {
        this.CONSUME(T.Comma);
        this.OPTION2(() => this.SUBRULE2(this.param));
      });
    });
    this.CONSUME(T.RParen);
    this.SUBRULE(this.block);
  });

  /** param ::= IDENT ":" type ("=" expression)? */
  private readonly param = this.RULE("param", () => {
    this.CONSUME(T.Identifier, { LABEL: "name" });
    this.CONSUME(T.Colon);
    this.SUBRULE(this.typeRef);
    this.OPTION(() => {
      this.CONSUME(T.Equals);
      this.SUBRULE(this.expression, { LABEL: "default" });
    });
  });

  /** type ::= IDENT | "[" type "]" */
  private readonly typeRef = this.RULE("typeRef", () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Identifier, { LABEL: "name" }) },
      {
        ALT: () => {
          this.CONSUME(T.LBracket);
          this.SUBRULE(this.typeRef, { LABEL: "element" });
          this.CONSUME(T.RBracket);
        },
      },
    ]);
  });

  /** block ::= "{" statement* "}" */
  private readonly block = this.RULE("block", () => {
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.statement));
    this.CONSUME(T.RBrace);
  });

  /** body ::= ":" statement | block   (after `at T` and `after E`: one statement, or several in braces) */
  private readonly body = this.RULE("body", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Colon);
          this.SUBRULE(this.statement);
        },
      },
      { ALT: () => this.SUBRULE(this.block) },
    ]);
  });

  /** statement ::= let | at | after | every | parallel | wait | repeat | expect | exprStmt | ";" */
  private readonly statement = this.RULE("statement", () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.letStmt) },
      { ALT: () => this.SUBRULE(this.atStmt) },
      { ALT: () => this.SUBRULE(this.afterStmt) },
      { ALT: () => this.SUBRULE(this.everyStmt) },
      { ALT: () => this.SUBRULE(this.parallelStmt) },
      { ALT: () => this.SUBRULE(this.waitStmt) },
      { ALT: () => this.SUBRULE(this.repeatStmt) },
      { ALT: () => this.SUBRULE(this.expectStmt) },
      { ALT: () => this.SUBRULE(this.exprStmt) },
      { ALT: () => this.CONSUME(T.Semicolon) },
    ]);
  });

  /** let ::= "let" IDENT "=" expression ("for" expression)? */
  private readonly letStmt = this.RULE("letStmt", () => {
    this.CONSUME(T.K.let);
    this.CONSUME(T.Identifier, { LABEL: "name" });
    this.CONSUME(T.Equals);
    this.SUBRULE(this.expression, { LABEL: "value" });
    this.OPTION(() => {
      this.CONSUME(T.K.for);
      this.SUBRULE2(this.expression, { LABEL: "duration" });
    });
  });

  /** at ::= "at" expression body */
  private readonly atStmt = this.RULE("atStmt", () => {
    this.CONSUME(T.K.at);
    this.SUBRULE(this.expression, { LABEL: "time" });
    this.SUBRULE(this.body);
  });

  /** after ::= "after" expression body */
  private readonly afterStmt = this.RULE("afterStmt", () => {
    this.CONSUME(T.K.after);
    this.SUBRULE(this.expression, { LABEL: "event" });
    this.SUBRULE(this.body);
  });

  /** every ::= "every" expression ("for" expression)? block */
  private readonly everyStmt = this.RULE("everyStmt", () => {
    this.CONSUME(T.K.every);
    this.SUBRULE(this.expression, { LABEL: "interval" });
    this.OPTION(() => {
      this.CONSUME(T.K.for);
      this.SUBRULE2(this.expression, { LABEL: "duration" });
    });
    this.SUBRULE(this.block);
  });

  /** parallel ::= "parallel" block */
  private readonly parallelStmt = this.RULE("parallelStmt", () => {
    this.CONSUME(T.K.parallel);
    this.SUBRULE(this.block);
  });

  /** wait ::= "wait" expression */
  private readonly waitStmt = this.RULE("waitStmt", () => {
    this.CONSUME(T.K.wait);
    this.SUBRULE(this.expression, { LABEL: "duration" });
  });

  /** repeat ::= "repeat" expression? block   (a missing count is reported by the checker) */
  private readonly repeatStmt = this.RULE("repeatStmt", () => {
    this.CONSUME(T.K.repeat);
    this.OPTION({
      GATE: () => !tokenMatcher(this.LA(1), T.LBrace),
      DEF: () => this.SUBRULE(this.expression, { LABEL: "count" }),
    });
    this.SUBRULE(this.block);
  });

  /** expect ::= "expect" expression ("else" STRING)? */
  private readonly expectStmt = this.RULE("expectStmt", () => {
    this.CONSUME(T.K.expect);
    this.SUBRULE(this.expression, { LABEL: "condition" });
    this.OPTION(() => {
      this.CONSUME(T.K.else);
      this.SUBRULE(this.stringLit, { LABEL: "message" });
    });
  });

  /**
   * exprStmt ::= expression ("for" expression)? ("as" IDENT)?
   * Covers `partition(a, b) for 30s` and `await failover(app, to: dc2) within 60s as fo`;
   * lower.ts says which combinations make sense.
   */
  private readonly exprStmt = this.RULE("exprStmt", () => {
    this.SUBRULE(this.expression, { LABEL: "expr" });
    this.OPTION(() => {
      this.CONSUME(T.K.for);
      this.SUBRULE2(this.expression, { LABEL: "duration" });
    });
    this.OPTION2(() => {
      this.CONSUME(T.K.as);
      this.CONSUME(T.Identifier, { LABEL: "as" });
    });
  });

  /** expression ::= awaitExpr | or */
  private readonly expression = this.RULE("expression", () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.awaitExpr) },
      { ALT: () => this.SUBRULE(this.orExpr) },
    ]);
  });

  /** awaitExpr ::= "await" or ("within" or)?   (a missing bound is reported by the checker) */
  private readonly awaitExpr = this.RULE("awaitExpr", () => {
    this.CONSUME(T.K.await);
    this.SUBRULE(this.orExpr, { LABEL: "target" });
    this.OPTION(() => {
      this.CONSUME(T.K.within);
      this.SUBRULE2(this.orExpr, { LABEL: "within" });
    });
  });

  /** or ::= and ("or" and)* */
  private readonly orExpr = this.RULE("orExpr", () => {
    this.SUBRULE(this.andExpr, { LABEL: "operands" });
    this.MANY(() => {
      this.CONSUME(T.K.or, { LABEL: "ops" });
      this.SUBRULE2(this.andExpr, { LABEL: "operands" });
    });
  });

  /** and ::= not ("and" not)* */
  private readonly andExpr = this.RULE("andExpr", () => {
    this.SUBRULE(this.notExpr, { LABEL: "operands" });
    this.MANY(() => {
      this.CONSUME(T.K.and, { LABEL: "ops" });
      this.SUBRULE2(this.notExpr, { LABEL: "operands" });
    });
  });

  /** not ::= "not" not | comparison */
  private readonly notExpr = this.RULE("notExpr", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.K.not, { LABEL: "op" });
          this.SUBRULE(this.notExpr, { LABEL: "operand" });
        },
      },
      { ALT: () => this.SUBRULE(this.comparison, { LABEL: "operand" }) },
    ]);
  });

  /** comparison ::= additive (("==" | "!=" | "<" | "<=" | ">" | ">=") additive)? */
  private readonly comparison = this.RULE("comparison", () => {
    this.SUBRULE(this.additive, { LABEL: "operands" });
    this.OPTION(() => {
      this.OR(COMPARISON.map((tok) => ({ ALT: () => this.CONSUME(tok, { LABEL: "ops" }) })));
      this.SUBRULE2(this.additive, { LABEL: "operands" });
    });
  });

  /** additive ::= multiplicative (("+" | "-") multiplicative)* */
  private readonly additive = this.RULE("additive", () => {
    this.SUBRULE(this.multiplicative, { LABEL: "operands" });
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(T.Plus, { LABEL: "ops" }) },
        { ALT: () => this.CONSUME(T.Minus, { LABEL: "ops" }) },
      ]);
      this.SUBRULE2(this.multiplicative, { LABEL: "operands" });
    });
  });

  /** multiplicative ::= unary (("*" | "/") unary)* */
  private readonly multiplicative = this.RULE("multiplicative", () => {
    this.SUBRULE(this.unary, { LABEL: "operands" });
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(T.Star, { LABEL: "ops" }) },
        { ALT: () => this.CONSUME(T.Slash, { LABEL: "ops" }) },
      ]);
      this.SUBRULE2(this.unary, { LABEL: "operands" });
    });
  });

  /** unary ::= "-" unary | postfix */
  private readonly unary = this.RULE("unary", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Minus, { LABEL: "op" });
          this.SUBRULE(this.unary, { LABEL: "operand" });
        },
      },
      { ALT: () => this.SUBRULE(this.postfix, { LABEL: "operand" }) },
    ]);
  });

  /** postfix ::= primary ("." NAME | "(" args? ")" | "[" expression "]")* */
  private readonly postfix = this.RULE("postfix", () => {
    this.SUBRULE(this.primary);
    this.MANY(() =>
      this.OR([
        { ALT: () => this.SUBRULE(this.memberSuffix, { LABEL: "suffixes" }) },
        { ALT: () => this.SUBRULE(this.callSuffix, { LABEL: "suffixes" }) },
        { ALT: () => this.SUBRULE(this.indexSuffix, { LABEL: "suffixes" }) },
      ]),
    );
  });

  private readonly memberSuffix = this.RULE("memberSuffix", () => {
    this.CONSUME(T.Dot);
    this.SUBRULE(this.anyName, { LABEL: "name" });
  });

  /** args ::= arg ("," arg)* ","?     arg ::= (NAME ":")? expression */
  private readonly callSuffix = this.RULE("callSuffix", () => {
    this.CONSUME(T.LParen);
    this.MANY(() => {
      this.SUBRULE(this.arg);
      this.OR([
        { ALT: () => this.CONSUME(T.Comma) },
        { GATE: () => tokenMatcher(this.LA(1), T.RParen), ALT: () => undefined },
      ]);
    });
    this.CONSUME(T.RParen);
  });

  private readonly arg = this.RULE("arg", () => {
    this.OPTION({
      GATE: () => tokenMatcher(this.LA(2), T.Colon),
      DEF: () => {
        this.SUBRULE(this.anyName, { LABEL: "name" });
        this.CONSUME(T.Colon);
      },
    });
    this.SUBRULE(this.expression, { LABEL: "value" });
  });

  private readonly indexSuffix = this.RULE("indexSuffix", () => {
    this.CONSUME(T.LBracket);
    this.SUBRULE(this.expression, { LABEL: "index" });
    this.CONSUME(T.RBracket);
  });

  /** primary ::= NUMBER | STRING | "true" | "false" | IDENT | list | record | "(" expression ")" */
  private readonly primary = this.RULE("primary", () => {
    this.OR([
      { ALT: () => this.CONSUME(T.NumberLiteral, { LABEL: "number" }) },
      { ALT: () => this.SUBRULE(this.stringLit, { LABEL: "string" }) },
      { ALT: () => this.CONSUME(T.K.true, { LABEL: "bool" }) },
      { ALT: () => this.CONSUME(T.K.false, { LABEL: "bool" }) },
      { ALT: () => this.CONSUME(T.Identifier, { LABEL: "name" }) },
      { ALT: () => this.SUBRULE(this.list) },
      { ALT: () => this.SUBRULE(this.record) },
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          this.SUBRULE(this.expression, { LABEL: "group" });
          this.CONSUME(T.RParen);
        },
      },
    ]);
  });

  /** list ::= "[" (expression ("," expression)* ","?)? "]" */
  private readonly list = this.RULE("list", () => {
    this.CONSUME(T.LBracket);
    this.MANY(() => {
      this.SUBRULE(this.expression, { LABEL: "items" });
      this.OR([
        { ALT: () => this.CONSUME(T.Comma) },
        { GATE: () => tokenMatcher(this.LA(1), T.RBracket), ALT: () => undefined },
      ]);
    });
    this.CONSUME(T.RBracket);
  });

  /** record ::= "{" (field ("," field)* ","?)? "}"     field ::= (NAME | STRING) ":" expression */
  private readonly record = this.RULE("record", () => {
    this.CONSUME(T.LBrace);
    this.MANY(() => {
      this.SUBRULE(this.field);
      this.OR([
        { ALT: () => this.CONSUME(T.Comma) },
        { GATE: () => tokenMatcher(this.LA(1), T.RBrace), ALT: () => undefined },
      ]);
    });
    this.CONSUME(T.RBrace);
  });

  private readonly field = this.RULE("field", () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.anyName, { LABEL: "key" }) },
      { ALT: () => this.CONSUME(T.StringLiteral, { LABEL: "quotedKey" }) },
    ]);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.expression, { LABEL: "value" });
  });

  /** A name where keywords are allowed too: named arguments (`for: 90s`), fields, members. */
  private readonly anyName = this.RULE("anyName", () => {
    this.OR(NAME_TOKENS.map((tok) => ({ ALT: () => this.CONSUME(tok, { LABEL: "token" }) })));
  });

  /** A string, or one missing its closing quote (reported by lower.ts, not as a syntax error). */
  private readonly stringLit = this.RULE("stringLit", () => {
    this.OR([
      { ALT: () => this.CONSUME(T.StringLiteral, { LABEL: "token" }) },
      { ALT: () => this.CONSUME(T.UnterminatedString, { LABEL: "token" }) },
    ]);
  });
}

/** The one parser instance; `parse` resets it for each input, so it holds no state between calls. */
export const parserInstance = new XdcParser();

export interface ParsedCst {
  readonly cst: CstNode;
  readonly errors: readonly IRecognitionException[];
}

export function parseCst(tokens: IToken[]): ParsedCst {
  parserInstance.input = tokens;
  const cst = parserInstance.file();
  return { cst, errors: parserInstance.errors };
}

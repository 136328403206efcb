import { EmbeddedActionsParser, EOF, tokenMatcher, type IRecognitionException, type IToken, type TokenType } from "chevrotain";
import type * as A from "./ast.js";
import { PHASES } from "./ast.js";
import type { AstBuilder } from "./builder.js";
import { applyPrecedence, type Operand } from "./precedence.js";
import { excerpt } from "./diagnostics.js";
import * as T from "./lexer.js";
import { MAX_NESTING, tooDeep } from "./nesting.js";

/**
 * The grammar of .xdc: a Chevrotain parser with error recovery whose actions build the typed
 * AST directly. (A CST stage first, as the architecture page sketches, cost 20× the time and
 * memory: every literal became a chain of ten CST nodes. The rules are the same either way.)
 * One run reports every syntax error; what recovery skips becomes `error` nodes or is left out.
 * grammar/xdc.ebnf is the same grammar for people; a test keeps the two in step. Everything
 * that is not grammar runs inside ACTION, because Chevrotain records the rules once with fake
 * tokens.
 */

const NAME_TOKENS: TokenType[] = [T.Identifier, ...T.KEYWORDS.map((w) => T.K[w])];
const PHASE_TOKENS = [T.K.setup, T.K.steady, T.K.run, T.K.verify, T.K.teardown];
/** Setting keys may be keywords (`environment: sim`) except those that start a member: then `run` alone means a block. */
const SETTING_KEY_TOKENS = NAME_TOKENS.filter((t) => !PHASE_TOKENS.includes(t) && t !== T.K.let);

/** A postfix part of an operand, with the offset where it ends. */
type Suffix = ({ kind: "member"; name: A.Ident } | { kind: "call"; args: A.Arg[] } | { kind: "index"; index: A.Expr }) & { end: number };
const BINARY_TOKENS = [T.K.or, T.K.and, T.EqEq, T.NotEq, T.LessEq, T.GreaterEq, T.Less, T.Greater, T.Plus, T.Minus, T.Star, T.Slash, T.K.of];

export class XdcParser extends EmbeddedActionsParser {
  /** The builder of the input being parsed; set by `parseTokens` before every run. */
  private b!: AstBuilder;

  // Alternatives of hot ORs, built once: a fresh array of closures per call showed in profiles.
  private readonly nameAlts = NAME_TOKENS.map((tok) => ({ ALT: () => this.CONSUME(tok) }));
  private readonly binaryAlts = BINARY_TOKENS.map((tok) => ({ ALT: () => this.CONSUME(tok) }));
  private readonly settingKeyAlts = SETTING_KEY_TOKENS.map((tok) => ({ ALT: () => this.CONSUME(tok) }));

  /**
   * `validate` runs Chevrotain's grammar checks (ambiguities, left recursion), a third of the
   * parser's start-up: the shipped instance skips them and a test builds one that runs them.
   */
  constructor(options: { validate?: boolean; recovery?: boolean } = {}) {
    super(T.allTokens, { recoveryEnabled: options.recovery ?? true, maxLookahead: 3, skipValidations: !options.validate });
    this.performSelfAnalysis();
  }

  /** Items finished so far: recovery can abandon the file rule, but not what was already read. */
  private items: A.Item[] = [];

  parseTokens(tokens: IToken[], builder: AstBuilder): { items: A.Item[]; errors: IRecognitionException[] } {
    this.b = builder;
    this.items = [];
    this.input = tokens;
    this.file();
    return { items: this.items, errors: this.errors };
  }

  /** The offset of the last token read, after a run that stopped early. */
  reachedOffset(): number {
    const t = this.LA(0);
    return Number.isInteger(t.startOffset) ? t.startOffset : 0;
  }

  // ── helpers (called only inside ACTION) ───────────────────────────────────

  private spanFrom(first: IToken): A.Ident["span"] {
    return this.b.between(first, this.LA(0));
  }

  /** Where recovery gave up on an expression: an empty span just after the last good token. */
  private recovered(): A.ErrorExpr {
    const at = this.b.afterToken(this.LA(0));
    return { kind: "error", span: this.b.spanAt(at, at) };
  }

  /**
   * The `,` between items of a call, list or record: optional before the closing token. A
   * missing one is reported here and reading goes on with the next item, so one forgotten
   * comma is one error, not a lost block.
   */
  private separator(close: TokenType): void {
    const comma = this.OPTION(() => this.CONSUME(T.Comma));
    this.ACTION(() => {
      const next = this.LA(1);
      if (comma === undefined && !tokenMatcher(next, close) && next.tokenType !== EOF) {
        this.b.missingSeparator ??= next;
        this.b.report("XDC1001", this.b.tokenSpan(next), `unexpected \`${excerpt(next.image)}\``, {
          label: "expected `,`",
          help: { message: "separate the items with `,`" },
        });
      }
    });
  }

  /**
   * Whether a `for` loop starts here (`for NAME in`): line breaks mean nothing, so after
   * `let x = …` or `partition(…)` a `for` could be the statement's duration or the next
   * statement's loop. `in` after a name settles it: no duration is written `NAME in`.
   */
  private loopAhead(): boolean {
    const third = this.LA(3);
    return tokenMatcher(this.LA(1), T.K.for) && tokenMatcher(this.LA(2), T.Identifier) && tokenMatcher(third, T.Identifier) && third.image === "in";
  }

  private emptyBody(): A.Body {
    const at = this.b.afterToken(this.LA(0));
    return { span: this.b.spanAt(at, at), braced: true, stmts: [] };
  }

  // ── file and items ────────────────────────────────────────────────────────

  /** file ::= item* */
  public readonly file = this.RULE("file", () => {
    this.MANY(() => {
      const item = this.SUBRULE(this.item);
      this.ACTION(() => item && this.items.push(item));
    });
  });

  /** item ::= import | scenario | environment | definition | let | ";" */
  private readonly item = this.RULE(
    "item",
    (): A.Item | undefined =>
      this.OR<A.Item | undefined>([
        { ALT: () => this.SUBRULE(this.importDecl) },
        { ALT: () => this.SUBRULE(this.scenarioDecl) },
        { ALT: () => this.SUBRULE(this.environmentDecl) },
        { ALT: () => this.SUBRULE(this.definition) },
        { ALT: () => this.SUBRULE(this.letStmt) },
        { ALT: () => (this.CONSUME(T.Semicolon), undefined) },
      ]),
    { recoveryValueFunc: () => undefined },
  );

  /** import ::= "import" STRING ("as" IDENT)? */
  private readonly importDecl = this.RULE("importDecl", (): A.Import => {
    const first = this.CONSUME(T.K.import);
    const path = this.SUBRULE(this.stringLit);
    let alias: IToken | undefined;
    this.OPTION(() => {
      this.CONSUME(T.K.as);
      alias = this.CONSUME(T.Identifier);
    });
    return this.ACTION(() => {
      const s = this.spanFrom(first);
      return { kind: "import", span: s, path, ...(alias ? { alias: this.b.ident(alias, s) } : {}) };
    });
  });

  /** scenario ::= "scenario" STRING ("(" (param ("," param?)*)? ")")? "{" (phaseBlock | let | setting | ";")* "}" */
  private readonly scenarioDecl = this.RULE("scenarioDecl", (): A.Scenario => {
    const first = this.CONSUME(T.K.scenario);
    const name = this.SUBRULE(this.stringLit);
    let params: A.Param[] | undefined;
    this.OPTION(() => {
      this.CONSUME(T.LParen);
      this.ACTION(() => (params = []));
      this.OPTION2(() => {
        const p = this.SUBRULE(this.param);
        this.ACTION(() => p && params!.push(p));
        this.MANY2(() => {
          this.CONSUME(T.Comma);
          this.OPTION3(() => {
            const q = this.SUBRULE2(this.param);
            this.ACTION(() => q && params!.push(q));
          });
        });
      });
      this.CONSUME(T.RParen);
    });
    const members: A.ScenarioMember[] = [];
    this.CONSUME(T.LBrace);
    this.MANY(() => {
      const m = this.OR<A.ScenarioMember | undefined>([
        { ALT: () => this.SUBRULE(this.phaseBlock) },
        { ALT: () => this.SUBRULE(this.letStmt) },
        { ALT: () => this.SUBRULE(this.setting) },
        { ALT: () => (this.CONSUME(T.Semicolon), undefined) },
      ]);
      this.ACTION(() => m && members.push(m));
    });
    this.CONSUME(T.RBrace);
    return this.ACTION(() => ({ kind: "scenario", span: this.spanFrom(first), keywordSpan: this.b.tokenSpan(first), name, ...(params ? { params } : {}), members }));
  });

  /** setting ::= settingKey ":" expression */
  private readonly setting = this.RULE("setting", (): A.Setting => {
    const key = this.SUBRULE(this.settingKey);
    this.CONSUME(T.Colon);
    const value = this.SUBRULE(this.expression);
    return this.ACTION(() => {
      const s = this.spanFrom(key);
      return { kind: "setting", span: s, key: this.b.ident(key, s), value };
    });
  });

  /** phaseBlock ::= ("setup" | "steady" | "run" | "verify" | "teardown") block */
  private readonly phaseBlock = this.RULE("phaseBlock", (): A.PhaseBlock => {
    const phaseTok = this.OR(PHASE_TOKENS.map((tok) => ({ ALT: () => this.CONSUME(tok) })));
    const body = this.SUBRULE(this.block);
    return this.ACTION(() => ({
      kind: "block",
      span: this.spanFrom(phaseTok),
      phase: PHASES.find((p) => p === phaseTok.image) ?? "run",
      phaseSpan: this.b.tokenSpan(phaseTok),
      body,
    }));
  });

  /** environment ::= "environment" IDENT "{" (dc | setting | ";")* "}" */
  private readonly environmentDecl = this.RULE("environmentDecl", (): A.Environment => {
    const first = this.CONSUME(T.K.environment);
    const name = this.CONSUME(T.Identifier);
    const members: (A.Setting | A.DcDecl)[] = [];
    this.CONSUME(T.LBrace);
    this.MANY(() => {
      const m = this.OR<A.Setting | A.DcDecl | undefined>([
        {
          GATE: () => this.LA(1).image === "dc" && tokenMatcher(this.LA(2), T.Identifier),
          ALT: () => this.SUBRULE(this.dcDecl),
        },
        { ALT: () => this.SUBRULE(this.setting) },
        { ALT: () => (this.CONSUME(T.Semicolon), undefined) },
      ]);
      this.ACTION(() => m && members.push(m));
    });
    this.CONSUME(T.RBrace);
    return this.ACTION(() => {
      const s = this.spanFrom(first);
      return { kind: "environment", span: s, name: this.b.ident(name, s), members };
    });
  });

  /** dc ::= "dc" IDENT "{" (setting | ";")* "}"   ("dc" is a contextual keyword) */
  private readonly dcDecl = this.RULE("dcDecl", (): A.DcDecl => {
    const first = this.CONSUME(T.Identifier);
    const name = this.CONSUME2(T.Identifier);
    const settings: A.Setting[] = [];
    this.CONSUME(T.LBrace);
    this.MANY(() =>
      this.OR([
        { ALT: () => { const st = this.SUBRULE(this.setting); this.ACTION(() => st && settings.push(st)); } },
        { ALT: () => { this.CONSUME(T.Semicolon); } },
      ]),
    );
    this.CONSUME(T.RBrace);
    return this.ACTION(() => {
      const s = this.spanFrom(first);
      return { kind: "dc", span: s, name: this.b.ident(name, s), settings };
    });
  });

  /** definition ::= ("fault" | "check") IDENT "(" (param ("," param?)*)? ")" block */
  private readonly definition = this.RULE("definition", (): A.Definition => {
    const sort = this.OR([{ ALT: () => this.CONSUME(T.K.fault) }, { ALT: () => this.CONSUME(T.K.check) }]);
    const name = this.CONSUME(T.Identifier);
    const params: A.Param[] = [];
    this.CONSUME(T.LParen);
    this.OPTION(() => {
      const p = this.SUBRULE(this.param);
      this.ACTION(() => p && params.push(p));
      this.MANY(() => {
        this.CONSUME(T.Comma);
        this.OPTION2(() => {
          const q = this.SUBRULE2(this.param);
          this.ACTION(() => q && params.push(q));
        });
      });
    });
    this.CONSUME(T.RParen);
    const body = this.SUBRULE(this.block);
    return this.ACTION(() => {
      const s = this.spanFrom(sort);
      return { kind: sort.image === "check" ? "check" : "fault", span: s, name: this.b.ident(name, s), params, body };
    });
  });

  /** param ::= IDENT ":" type ("=" expression)? */
  private readonly param = this.RULE("param", (): A.Param => {
    const name = this.CONSUME(T.Identifier);
    this.CONSUME(T.Colon);
    const type = this.SUBRULE(this.typeRef);
    let def: A.Expr | undefined;
    this.OPTION(() => {
      this.CONSUME(T.Equals);
      def = this.SUBRULE(this.expression);
    });
    return this.ACTION(() => {
      const s = this.spanFrom(name);
      return { span: s, name: this.b.ident(name, s), type, ...(def ? { default: def } : {}) };
    });
  });

  /** type ::= IDENT | "[" type "]" */
  private readonly typeRef = this.RULE(
    "typeRef",
    (): A.TypeRef =>
    this.OR([
      {
        ALT: () => {
          const t = this.CONSUME(T.Identifier);
          return this.ACTION((): A.TypeRef => ({ kind: "typeName", span: this.b.tokenSpan(t), name: t.image }));
        },
      },
      {
        ALT: () => {
          const first = this.CONSUME(T.LBracket);
          const element = this.SUBRULE(this.typeRef);
          this.CONSUME(T.RBracket);
          return this.ACTION((): A.TypeRef => ({ kind: "listType", span: this.spanFrom(first), element }));
        },
      },
    ]),
    { recoveryValueFunc: (): A.TypeRef => ({ kind: "typeName", span: this.recovered().span, name: "" }) },
  );

  // ── statements ────────────────────────────────────────────────────────────

  /** block ::= "{" statement* "}" */
  private readonly block = this.RULE(
    "block",
    (): A.Body => {
      const first = this.CONSUME(T.LBrace);
      const stmts: A.Stmt[] = [];
      this.MANY(() => {
        const st = this.SUBRULE(this.statement);
        this.ACTION(() => st && stmts.push(st));
      });
      this.CONSUME(T.RBrace);
      return this.ACTION(() => ({ span: this.spanFrom(first), braced: true, stmts }));
    },
    { recoveryValueFunc: () => this.emptyBody() },
  );

  /** body ::= ":" statement | block   (after `at T` and `after E`: one statement, or several in braces) */
  private readonly body = this.RULE(
    "body",
    (): A.Body =>
      this.OR([
      {
        ALT: () => {
          const first = this.CONSUME(T.Colon);
          const st = this.SUBRULE(this.statement);
          return this.ACTION((): A.Body => ({ span: this.spanFrom(first), braced: false, stmts: st ? [st] : [] }));
        },
      },
      { ALT: () => this.SUBRULE(this.block) },
    ]),
    { recoveryValueFunc: () => this.emptyBody() },
  );

  /** statement ::= let | at | after | every | parallel | wait | repeat | forStmt | expect | exprStmt | ";" */
  private readonly statement = this.RULE(
    "statement",
    (): A.Stmt | undefined =>
      this.OR<A.Stmt | undefined>([
        { ALT: () => this.SUBRULE(this.letStmt) },
        { ALT: () => this.SUBRULE(this.atStmt) },
        { ALT: () => this.SUBRULE(this.afterStmt) },
        { ALT: () => this.SUBRULE(this.everyStmt) },
        { ALT: () => this.SUBRULE(this.parallelStmt) },
        { ALT: () => this.SUBRULE(this.waitStmt) },
        { ALT: () => this.SUBRULE(this.repeatStmt) },
        { ALT: () => this.SUBRULE(this.forStmt) },
        { ALT: () => this.SUBRULE(this.expectStmt) },
        { ALT: () => this.SUBRULE(this.exprStmt) },
        { ALT: () => (this.CONSUME(T.Semicolon), undefined) },
      ]),
    { recoveryValueFunc: () => undefined },
  );

  /** let ::= "let" IDENT "=" (sample | baseline | expression) ("for" expression)? */
  private readonly letStmt = this.RULE("letStmt", (): A.Let => {
    const first = this.CONSUME(T.K.let);
    const name = this.CONSUME(T.Identifier);
    this.CONSUME(T.Equals);
    const value = this.OR<A.Expr>([
      { ALT: () => this.SUBRULE(this.sampleExpr) },
      { ALT: () => this.SUBRULE(this.baselineExpr) },
      { ALT: () => this.SUBRULE(this.expression) },
    ]);
    let d: A.Expr | undefined;
    this.OPTION({
      GATE: () => !this.loopAhead(),
      DEF: () => {
        this.CONSUME(T.K.for);
        d = this.SUBRULE2(this.expression);
      },
    });
    return this.ACTION(() => {
      const s = this.spanFrom(first);
      return { kind: "let", span: s, name: this.b.ident(name, s), value, ...(d ? { forDuration: d } : {}) };
    });
  });

  /**
   * sample ::= "sample" binary "every" binary   (a time series; only as the value of a `let`)
   * `every` is required: were it optional, `let x = sample m` before an `every` statement would
   * read that statement's interval as its own.
   */
  private readonly sampleExpr = this.RULE("sampleExpr", (): A.Sample => {
    const first = this.CONSUME(T.K.sample);
    const measure = this.SUBRULE(this.binary);
    this.CONSUME(T.K.every);
    const every = this.SUBRULE2(this.binary);
    return this.ACTION(() => ({ kind: "sample", span: this.spanFrom(first), measure, every }));
  }, { recoveryValueFunc: () => this.recovered() as never });

  /** baseline ::= "baseline" binary   (only as the value of a `let`) */
  private readonly baselineExpr = this.RULE("baselineExpr", (): A.Baseline => {
    const first = this.CONSUME(T.K.baseline);
    const measure = this.SUBRULE(this.binary);
    return this.ACTION(() => ({ kind: "baseline", span: this.spanFrom(first), measure }));
  }, { recoveryValueFunc: () => this.recovered() as never });

  /** at ::= "at" expression body */
  private readonly atStmt = this.RULE("atStmt", (): A.At => {
    const first = this.CONSUME(T.K.at);
    const time = this.SUBRULE(this.expression);
    const body = this.SUBRULE(this.body);
    return this.ACTION(() => ({ kind: "at", span: this.spanFrom(first), time, body }));
  });

  /** after ::= "after" expression body */
  private readonly afterStmt = this.RULE("afterStmt", (): A.After => {
    const first = this.CONSUME(T.K.after);
    const event = this.SUBRULE(this.expression);
    const body = this.SUBRULE(this.body);
    return this.ACTION(() => ({ kind: "after", span: this.spanFrom(first), event, body }));
  });

  /** every ::= "every" expression ("for" expression)? block */
  private readonly everyStmt = this.RULE("everyStmt", (): A.Every => {
    const first = this.CONSUME(T.K.every);
    const interval = this.SUBRULE(this.expression);
    let d: A.Expr | undefined;
    this.OPTION({
      GATE: () => !this.loopAhead(),
      DEF: () => {
        this.CONSUME(T.K.for);
        d = this.SUBRULE2(this.expression);
      },
    });
    const body = this.SUBRULE(this.block);
    return this.ACTION(() => ({ kind: "every", span: this.spanFrom(first), interval, ...(d ? { duration: d } : {}), body }));
  });

  /** parallel ::= "parallel" block */
  private readonly parallelStmt = this.RULE("parallelStmt", (): A.Parallel => {
    const first = this.CONSUME(T.K.parallel);
    const body = this.SUBRULE(this.block);
    return this.ACTION(() => ({ kind: "parallel", span: this.spanFrom(first), body }));
  });

  /** wait ::= "wait" expression */
  private readonly waitStmt = this.RULE("waitStmt", (): A.Wait => {
    const first = this.CONSUME(T.K.wait);
    const duration = this.SUBRULE(this.expression);
    return this.ACTION(() => ({ kind: "wait", span: this.spanFrom(first), duration }));
  });

  /** repeat ::= "repeat" expression? block   (a missing count is reported by the checker) */
  private readonly repeatStmt = this.RULE("repeatStmt", (): A.Repeat => {
    const first = this.CONSUME(T.K.repeat);
    let count: A.Expr | undefined;
    this.OPTION({
      GATE: () => !tokenMatcher(this.LA(1), T.LBrace),
      DEF: () => {
        count = this.SUBRULE(this.expression);
      },
    });
    const body = this.SUBRULE(this.block);
    return this.ACTION(() => ({
      kind: "repeat",
      span: this.spanFrom(first),
      count: count ?? { kind: "error", span: this.b.tokenSpan(first) },
      body,
    }));
  });

  /**
   * forStmt ::= "for" Identifier "in" expression block   ("in" is a contextual keyword, like "dc")
   * A statement never starts with `for` otherwise: `… for 30s` follows an expression.
   */
  private readonly forStmt = this.RULE("forStmt", (): A.ForEach => {
    const first = this.CONSUME(T.K.for);
    const name = this.CONSUME(T.Identifier);
    const inTok = this.CONSUME2(T.Identifier, { LABEL: "in" });
    const list = this.SUBRULE2(this.expression);
    const body = this.SUBRULE(this.block);
    return this.ACTION(() => {
      const s = this.spanFrom(first);
      if (inTok.image !== "in" && inTok.tokenType === T.Identifier) {
        this.b.report("XDC1001", this.b.tokenSpan(inTok), `unexpected \`${inTok.image}\``, {
          label: "expected `in`",
          help: { message: "write `for NAME in LIST { … }`" },
        });
      }
      return { kind: "forEach", span: s, name: this.b.ident(name, s), inSpan: this.b.tokenSpan(inTok), list, body };
    });
  });

  /** expect ::= "expect" expression ("throughout" PHASE?)? ("else" STRING)? */
  private readonly expectStmt = this.RULE("expectStmt", (): A.Expect => {
    const first = this.CONSUME(T.K.expect);
    const condition = this.SUBRULE(this.expression);
    let throughout: A.Throughout | undefined;
    let message: A.StringLit | undefined;
    this.OPTION(() => {
      const kw = this.CONSUME(T.K.throughout);
      let phaseTok: IToken | undefined;
      this.OPTION2(() => {
        phaseTok = this.OR(PHASE_TOKENS.map((tok) => ({ ALT: () => this.CONSUME(tok) })));
      });
      this.ACTION(() => {
        const phase = phaseTok ? PHASES.find((p) => p === phaseTok!.image) : undefined;
        throughout = { span: this.spanFrom(kw), ...(phase ? { phase } : {}) };
      });
    });
    this.OPTION3(() => {
      this.CONSUME(T.K.else);
      message = this.SUBRULE(this.stringLit);
    });
    return this.ACTION(() => ({ kind: "expect", span: this.spanFrom(first), condition, ...(throughout ? { throughout } : {}), ...(message ? { message } : {}) }));
  });

  /**
   * exprStmt ::= expression ("for" expression)? ("as" IDENT)?
   * Covers `partition(a, b) for 30s` and `await failover(app, to: dc2) within 60s as fo`.
   */
  private readonly exprStmt = this.RULE("exprStmt", (): A.Stmt => {
    const first = this.LA(1);
    const expr = this.SUBRULE(this.expression);
    let d: A.Expr | undefined;
    let asKw: IToken | undefined;
    let asName: IToken | undefined;
    this.OPTION({
      GATE: () => !this.loopAhead(),
      DEF: () => {
        this.CONSUME(T.K.for);
        d = this.SUBRULE2(this.expression);
      },
    });
    this.OPTION2(() => {
      asKw = this.CONSUME(T.K.as);
      asName = this.CONSUME(T.Identifier);
    });
    return this.ACTION((): A.Stmt => {
      const s = this.spanFrom(first);
      if (asKw && (expr.kind !== "await" || d)) {
        this.b.report("XDC1001", this.b.tokenSpan(asKw), "`as` names the result of an `await`", {
          label: "nothing to name here",
          help: { message: "write `await CONDITION within DURATION as NAME`, or use `let NAME = …`" },
        });
      }
      if (expr.kind === "await" && !d) return { kind: "awaitStmt", span: s, await: expr, ...(asName ? { as: this.b.ident(asName, s) } : {}) };
      return { kind: "expr", span: s, expr, ...(d ? { forDuration: d } : {}) };
    });
  });

  // ── expressions ───────────────────────────────────────────────────────────

  /** expression ::= awaitExpr | binary */
  private readonly expression = this.RULE(
    "expression",
    (): A.Expr => this.OR<A.Expr>([{ ALT: () => this.SUBRULE(this.awaitExpr) }, { ALT: () => this.SUBRULE(this.binary) }]),
    { recoveryValueFunc: () => this.recovered() },
  );

  /** awaitExpr ::= "await" binary ("within" binary)?   (a missing bound is reported by the checker) */
  private readonly awaitExpr = this.RULE("awaitExpr", (): A.Await => {
    const first = this.CONSUME(T.K.await);
    const target = this.SUBRULE(this.binary);
    let within: A.Expr | undefined;
    this.OPTION(() => {
      this.CONSUME(T.K.within);
      within = this.SUBRULE2(this.binary);
    });
    return this.ACTION(() => ({ kind: "await", span: this.spanFrom(first), target, ...(within ? { within } : {}) }));
  }, { recoveryValueFunc: () => this.recovered() as never });

  /**
   * binary ::= operand (BINOP operand)*
   * BINOP ::= "or" | "and" | "==" | "!=" | "<" | "<=" | ">" | ">=" | "+" | "-" | "*" | "/" | "of"
   * Precedence, loosest first: or, and, not, comparisons, + -, * / of, unary minus. The grammar
   * is flat and precedence is applied in one pass over the operands (see precedence.ts): a
   * rule per level cost a dozen rule calls for every literal.
   */
  private readonly binary = this.RULE("binary", (): A.Expr => {
    const operands: Operand[] = [this.SUBRULE(this.operand)];
    const ops: IToken[] = [];
    this.MANY(() => {
      ops.push(this.OR(this.binaryAlts));
      operands.push(this.SUBRULE2(this.operand));
    });
    return this.ACTION(() => applyPrecedence(this.b, operands, ops));
  }, { recoveryValueFunc: () => this.recovered() });

  /** operand ::= ("-" | "not")* primary (memberSuffix | callSuffix | indexSuffix)* */
  private readonly operand = this.RULE("operand", (): Operand => {
    const prefixes: IToken[] = [];
    this.MANY(() => {
      prefixes.push(this.OR([{ ALT: () => this.CONSUME(T.Minus) }, { ALT: () => this.CONSUME(T.K.not) }]));
    });
    const base = this.SUBRULE(this.primary);
    const suffixes: Suffix[] = [];
    this.MANY2(() => {
      const sfx = this.OR2<Suffix>([
        { ALT: () => this.SUBRULE(this.memberSuffix) },
        { ALT: () => this.SUBRULE(this.callSuffix) },
        { ALT: () => this.SUBRULE(this.indexSuffix) },
      ]);
      if (sfx) suffixes.push(sfx);
    });
    return this.ACTION(() => {
      // Each prefix and suffix is a level of the tree every walk recurses into.
      if (prefixes.length + suffixes.length > MAX_NESTING) {
        const start = prefixes[0] && Number.isInteger(prefixes[0].startOffset) ? prefixes[0].startOffset : base?.span.start.offset ?? 0;
        const s = this.b.spanAt(start, Math.max(start, suffixes[suffixes.length - 1]?.end ?? base?.span.end.offset ?? start));
        tooDeep(this.b, s, `more than ${MAX_NESTING} operators and suffixes on one operand`);
        return { prefixes: [], expr: { kind: "error", span: s } };
      }
      let e = base ?? this.recovered();
      for (const sfx of suffixes) {
        const s = this.b.spanAt(e.span.start.offset, Math.max(e.span.end.offset, sfx.end));
        e = sfx.kind === "member"
          ? { kind: "member", span: s, object: e, name: sfx.name }
          : sfx.kind === "index"
            ? { kind: "index", span: s, object: e, index: sfx.index }
            : { kind: "call", span: s, callee: e, args: sfx.args };
      }
      return { prefixes, expr: e };
    });
  }, { recoveryValueFunc: (): Operand => ({ prefixes: [], expr: this.recovered() }) });

  /** memberSuffix ::= "." NAME */
  private readonly memberSuffix = this.RULE("memberSuffix", (): Suffix => {
    const dot = this.CONSUME(T.Dot);
    const name = this.SUBRULE(this.anyName);
    return this.ACTION((): Suffix => {
      const id = this.b.ident(name, this.b.tokenSpan(dot));
      return { kind: "member", name: id, end: id.span.end.offset };
    });
  });

  /** callSuffix ::= "(" (arg ("," | &")"))* ")"     (a trailing comma is allowed) */
  private readonly callSuffix = this.RULE("callSuffix", (): Suffix => {
    this.CONSUME(T.LParen);
    const args: A.Arg[] = [];
    this.MANY(() => {
      const a = this.SUBRULE(this.arg);
      this.ACTION(() => a && args.push(a));
      this.separator(T.RParen);
    });
    const close = this.CONSUME(T.RParen);
    return this.ACTION((): Suffix => ({ kind: "call", args, end: this.b.afterToken(close) || this.b.afterToken(this.LA(0)) }));
  });

  /** arg ::= (NAME ":")? expression */
  private readonly arg = this.RULE("arg", (): A.Arg => {
    const first = this.LA(1);
    let name: IToken | undefined;
    this.OPTION({
      GATE: () => tokenMatcher(this.LA(2), T.Colon),
      DEF: () => {
        name = this.SUBRULE(this.anyName);
        this.CONSUME(T.Colon);
      },
    });
    const value = this.SUBRULE(this.expression);
    return this.ACTION(() => {
      const s = this.spanFrom(first);
      return { span: s, value, ...(name ? { name: this.b.ident(name, s) } : {}) };
    });
  });

  /** indexSuffix ::= "[" expression "]" */
  private readonly indexSuffix = this.RULE("indexSuffix", (): Suffix => {
    this.CONSUME(T.LBracket);
    const index = this.SUBRULE(this.expression);
    const close = this.CONSUME(T.RBracket);
    return this.ACTION((): Suffix => ({ kind: "index", index, end: this.b.afterToken(close) || index.span.end.offset }));
  });

  /** primary ::= NUMBER | STRING | "true" | "false" | IDENT | list | record | "(" expression ")" */
  private readonly primary = this.RULE(
    "primary",
    (): A.Expr =>
      this.OR<A.Expr>([
        { ALT: () => { const t = this.CONSUME(T.NumberLiteral); return this.ACTION(() => this.b.number(t)); } },
        { ALT: () => this.SUBRULE(this.stringLit) },
        { ALT: () => { const t = this.CONSUME(T.K.true); return this.ACTION((): A.Expr => ({ kind: "bool", span: this.b.tokenSpan(t), value: true })); } },
        { ALT: () => { const t = this.CONSUME(T.K.false); return this.ACTION((): A.Expr => ({ kind: "bool", span: this.b.tokenSpan(t), value: false })); } },
        { ALT: () => { const t = this.CONSUME(T.Identifier); return this.ACTION((): A.Expr => ({ kind: "name", span: this.b.tokenSpan(t), name: t.image })); } },
        { ALT: () => this.SUBRULE(this.list) },
        { ALT: () => this.SUBRULE(this.record) },
        { ALT: () => { const t = this.CONSUME(T.TooDeep); return this.ACTION((): A.Expr => ({ kind: "error", span: this.b.tokenSpan(t) })); } },
        {
          ALT: () => {
            this.CONSUME(T.LParen);
            const e = this.SUBRULE(this.expression);
            this.CONSUME(T.RParen);
            return e;
          },
        },
      ]),
    { recoveryValueFunc: () => this.recovered() },
  );

  /** list ::= "[" (expression ("," | &"]"))* "]" */
  private readonly list = this.RULE("list", (): A.ListExpr => {
    const first = this.CONSUME(T.LBracket);
    const items: A.Expr[] = [];
    this.MANY(() => {
      const e = this.SUBRULE(this.expression);
      this.ACTION(() => e && items.push(e));
      this.separator(T.RBracket);
    });
    this.CONSUME(T.RBracket);
    return this.ACTION(() => ({ kind: "list", span: this.spanFrom(first), items }));
  });

  /** record ::= "{" (field ("," | &"}"))* "}" */
  private readonly record = this.RULE("record", (): A.RecordExpr => {
    const first = this.CONSUME(T.LBrace);
    const fields: A.RecordField[] = [];
    this.MANY(() => {
      const f = this.SUBRULE(this.field);
      this.ACTION(() => f && fields.push(f));
      this.separator(T.RBrace);
    });
    this.CONSUME(T.RBrace);
    return this.ACTION(() => ({ kind: "record", span: this.spanFrom(first), fields }));
  });

  /** field ::= (NAME | STRING) ":" expression */
  private readonly field = this.RULE("field", (): A.RecordField => {
    const first = this.LA(1);
    const key = this.OR([
      { ALT: () => ({ quoted: false, token: this.SUBRULE(this.anyName) }) },
      { ALT: () => ({ quoted: true, token: this.CONSUME(T.StringLiteral) }) },
    ]);
    this.CONSUME(T.Colon);
    const value = this.SUBRULE(this.expression);
    return this.ACTION(() => {
      const s = this.spanFrom(first);
      const name = key.quoted && key.token ? { name: this.b.stringToken(key.token).value, span: this.b.tokenSpan(key.token) } : this.b.ident(key.token, s);
      return { span: s, name, quoted: key.quoted, value };
    });
  });

  /** settingKey ::= IDENT | a keyword other than `setup steady run verify teardown let` */
  private readonly settingKey = this.RULE("settingKey", (): IToken => this.OR(this.settingKeyAlts));

  /** NAME ::= IDENT | keyword   (named arguments `for: 90s`, fields, members) */
  private readonly anyName = this.RULE("anyName", (): IToken => this.OR(this.nameAlts));

  /** STRING, or one missing its closing quote or between the wrong quotes (reported by the builder, not as a syntax error) */
  private readonly stringLit = this.RULE("stringLit", (): A.StringLit => {
    const t = this.OR([
      { ALT: () => this.CONSUME(T.StringLiteral) },
      { ALT: () => this.CONSUME(T.UnterminatedString) },
      { ALT: () => this.CONSUME(T.LookalikeString) },
    ]);
    return this.ACTION(() => this.b.stringToken(t));
  }, { recoveryValueFunc: (): A.StringLit => ({ kind: "string", span: this.recovered().span, value: "", raw: '""' }) });
}

/** The one parser instance; `parse` resets it for each input, so no state survives between calls. */
export const parserInstance = new XdcParser();

let probing: XdcParser | undefined;
/**
 * A parser that stops at the first error instead of recovering: repair.ts tries edits with
 * it. Built on first use, so that a file without syntax errors never pays for it.
 */
export const probeParser = (): XdcParser => (probing ??= new XdcParser({ recovery: false }));

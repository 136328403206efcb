import { expect } from "chai";
import { ARITHMETIC, arithmetic, assignable, show, syntax, T, unitWanted } from "../../src/language/types.js";

describe("types", () => {
  it("combines units by the table", () => {
    const cases: [Parameters<typeof arithmetic>, string | undefined][] = [
      [["Duration", "+", "Duration"], "Duration"],
      [["Duration", "*", "Number"], "Duration"],
      [["Number", "*", "Duration"], "Duration"],
      [["Duration", "/", "Number"], "Duration"],
      [["Duration", "/", "Duration"], "Number"],
      [["Rate", "*", "Duration"], "Number"],
      [["Duration", "*", "Rate"], "Number"],
      [["Rate", "*", "Number"], "Rate"],
      [["Percent", "-", "Percent"], "Percent"],
      [["Bytes", "/", "Number"], "Bytes"],
      [["Time", "-", "Time"], "Duration"],
      [["Time", "+", "Duration"], "Time"],
      [["Duration", "+", "Number"], undefined],
      [["Duration", "+", "Percent"], undefined],
      [["Number", "/", "Duration"], undefined],
      [["Time", "+", "Time"], undefined],
    ];
    for (const [args, result] of cases) expect(arithmetic(...args), args.join(" ")).to.equal(result);
  });

  it("has one row per combination", () => {
    const keys = ARITHMETIC.map(([l, op, r]) => `${l}${op}${r}`);
    expect(new Set(keys).size).to.equal(keys.length);
  });

  it("decides assignability, with the error type fitting everywhere", () => {
    expect(assignable(T.Duration, T.Duration)).to.equal(true);
    expect(assignable(T.Number, T.Duration)).to.equal(false);
    expect(assignable(T.error, T.DC)).to.equal(true);
    expect(assignable(T.DC, T.error)).to.equal(true);
    expect(assignable(T.list(T.DC), T.oneOf(T.DC, T.list(T.DC)))).to.equal(true);
    expect(assignable(T.list(T.error), T.list(T.String))).to.equal(true);
    expect(assignable(T.PE, T.oneOf(T.PE, T.Host))).to.equal(true);
    expect(assignable(T.Job, T.oneOf(T.PE, T.Host))).to.equal(false);
    expect(assignable(T.String, T.choice("primary", "standby"))).to.equal(true);
    expect(assignable(T.endpoint("sink", { span: { file: "f", start: { offset: 0, line: 1, column: 1 }, end: { offset: 0, line: 1, column: 1 } } }), T.Endpoint)).to.equal(true);
    expect(assignable(T.record([{ name: "a", type: T.Number }]), T.anyRecord)).to.equal(true);
    expect(assignable(T.event(T.Failover), T.Failover)).to.equal(false);
  });

  it("names types for messages and for signatures", () => {
    expect(show(T.Duration)).to.equal("a duration");
    expect(show(T.Percent)).to.equal("a percentage");
    expect(show(T.list(T.DC))).to.equal("a list of datacenters");
    expect(show(T.oneOf(T.PE, T.Host))).to.equal("a processing element or a host");
    expect(syntax(T.event(T.Failover))).to.equal("Event<Failover>");
    expect(syntax(T.oneOf(T.DC, T.list(T.DC)))).to.equal("DC | [DC]");
    expect(syntax(T.choice("primary", "standby"))).to.equal('"primary" | "standby"');
  });

  it("knows which unit a bare number was meant to have", () => {
    expect(unitWanted(T.Duration)).to.equal("Duration");
    expect(unitWanted(T.Rate)).to.equal("Rate");
    expect(unitWanted(T.Number)).to.equal(undefined);
    expect(unitWanted(T.String)).to.equal(undefined);
  });
});

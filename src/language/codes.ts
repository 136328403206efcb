/**
 * Every diagnostic code xdc can emit, and nothing else invents one. Append within a range;
 * never renumber, never reuse. Ranges: 1xxx syntax, 2xxx names and imports, 3xxx types and
 * units, 4xxx boundedness, 5xxx environment files, 6xxx runtime.
 * docs/diagnostics.md explains each with a wrong and a right example (checked by the tests).
 */
export const codes = {
  XDC1001: "unexpected token",
  XDC1002: "unterminated string",
  XDC1003: "unexpected character",
  XDC1004: "unterminated block comment",
  XDC1005: "unknown escape sequence",
  XDC1006: "unknown unit suffix",
  XDC1007: "duplicate block",
  XDC1008: "unknown scenario setting",
  XDC1009: "duplicate setting",
  XDC1010: "number out of range",
  XDC1011: "nested too deeply",
  XDC1012: "not a text file",

  XDC2001: "unknown name",
  XDC2002: "unknown datacenter",
  XDC2003: "duplicate definition",
  XDC2004: "module not found",
  XDC2005: "unknown field",
  XDC2006: "unknown endpoint",
  XDC2007: "unknown environment",
  XDC2008: "import cycle",
  XDC2009: "unknown function",
  XDC2010: "unused binding",
  XDC2011: "unknown named argument",
  XDC2012: "unknown type",
  XDC2013: "name shadows an outer binding",

  XDC3001: "bare number where a unit is expected",
  XDC3002: "type mismatch",
  XDC3003: "mismatched units",
  XDC3004: "incomparable values",
  XDC3005: "missing argument",
  XDC3006: "too many arguments",
  XDC3007: "duplicate named argument",
  XDC3008: "wrong direction for an endpoint",
  XDC3009: "not callable",
  XDC3010: "not awaitable",
  XDC3011: "positional argument after a named one",
  XDC3012: "`for` on something that is not a fault",
  XDC3013: "value out of range",
  XDC3014: "invalid schema",
  XDC3015: "series where one value is expected",
  XDC3016: "`throughout` without a series",

  XDC4001: "unbounded await",
  XDC4002: "fault left applied",
  XDC4003: "scenario without timeout",
  XDC4004: "unbounded repetition",
  XDC4005: "timeline beyond the timeout",
  XDC4006: "statement not allowed in this block",
  XDC4007: "await shorter than the failover detection time",

  XDC5001: "missing datacenter setting",
  XDC5002: "password written in clear",
  XDC5003: "unknown datacenter setting",
  XDC5004: "too few datacenters",
  XDC5005: "TLS file not found",
  XDC5006: "not the PEM file expected",
  XDC5007: "client certificate without its key",
  XDC5008: "TLS certificate checks off",

  XDC6001: "environment unreachable",
  XDC6002: "fault could not be applied",
  XDC6003: "fault could not be undone",
  XDC6004: "expectation failed",
  XDC6005: "await timed out",
  XDC6006: "scenario timed out",
} as const;

export type Code = keyof typeof codes;

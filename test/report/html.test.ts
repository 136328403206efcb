import { expect } from "chai";
import { loadChartLibraries, type ChartLibraries } from "../../src/report/assets.js";
import { renderHtml } from "../../src/report/html.js";
import { hostileRun } from "./hostile.js";

/** Every element the report's own markup uses; anything else came from the journal unescaped. */
const KNOWN_TAGS = new Set(["html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "p", "span", "strong", "main", "table", "thead", "tbody", "tr", "th", "td", "a", "section", "dl", "div", "dt", "dd", "code", "details", "summary", "ul", "li"]);

describe("report: HTML", () => {
  let libs: ChartLibraries;
  let page: string;
  before(async () => {
    libs = await loadChartLibraries();
    page = renderHtml(hostileRun(), libs);
  });

  it("inlines the chart libraries: no script or stylesheet is loaded from anywhere", () => {
    expect(page).to.include(libs.vega.slice(0, 200));
    expect(page).not.to.match(/<script[^>]+src=|<link[^>]+href=/i);
    expect(page).to.include(`<meta http-equiv="Content-Security-Policy" content="default-src 'none';`);
  });

  it("allows no eval: Vega's expressions are interpreted (vega-interpreter, inlined as a classic script)", () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(page)![1]!;
    expect(csp).to.not.include("unsafe-eval");
    expect(libs.vegaInterpreter).to.include("window.vegaInterpreter = { expressionInterpreter: expression }").and.not.match(/^\s*(import|export)\b/m);
    expect(page).to.include("ast: true, expr: vegaInterpreter.expressionInterpreter");
  });

  it("has exactly its own six scripts: the chart data, four libraries and the drawing code", () => {
    expect(page.match(/<script\b/gi)).to.have.length(6);
    expect(page.match(/<\/script/gi)).to.have.length(6);
  });

  it("shows hostile names as text and keeps them out of the script elements' syntax", () => {
    expect(page).to.include("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(page).to.include("&lt;img src=x onerror=alert(2)&gt;&quot;&#39;&amp;");
    const markup = page.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, "");
    expect(markup).not.to.include("<img");
    expect(markup.match(/<[a-z][a-z0-9]*/g)!.filter((tag) => !KNOWN_TAGS.has(tag.slice(1)))).to.deep.equal([]);
    const data = /<script type="application\/json" id="xdc-charts">(.*?)<\/script>/s.exec(page)![1]!;
    expect(data).not.to.match(/[<>&\u2028\u2029]/);
  });

  it("lists every expectation with expected and actual", () => {
    for (const x of ["expect fo.rto &lt;= 45s", "expect lost(load, app.Results) &lt;= 0.1%", "expect duplicates(load, app.Results) == 0"]) expect(page).to.include(`<code>${x}</code>`);
    expect(page).to.include("scenarios/dc-partition.xdc:28:5");
  });
});

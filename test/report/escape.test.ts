import { expect } from "chai";
import fc from "fast-check";
import { html, inlineScript, scriptJson } from "../../src/report/escape.js";

describe("report: escaping", () => {
  it("html leaves no markup characters", () => {
    expect(html(`<script>alert("x")</script> & 'y'`)).to.equal("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;");
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(html(s)).not.to.match(/[<>"']|&(?!amp;|lt;|gt;|quot;|#39;)/);
      }),
    );
  });

  it("scriptJson reads back the same value and can neither end a script nor break a line", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string({ unit: fc.constantFrom("<", ">", "&", "/", "\u2028", "\u2029", "a", "!", "-") }), (v, s) => {
        const value = { v, s };
        const text = scriptJson(value);
        expect(text).not.to.match(/[<>&\u2028\u2029]/);
        expect(JSON.parse(text)).to.deep.equal(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it("inlineScript keeps the code's meaning while hiding </script and <!--", () => {
    const code = `var a = "</script><!-- x"; var r = /<\\/script>/i;`;
    const out = inlineScript(code);
    expect(out).not.to.match(/<\/script|<!--/i);
    expect(new Function(`${out}; return [a, r.source];`)()).to.deep.equal(["</script><!-- x", "<\\/script>"]);
  });
});

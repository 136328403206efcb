import { expect } from "chai";
import { editDistance, suggest } from "../../src/language/did-you-mean.js";

describe("did you mean", () => {
  it("suggests the closest, the first declared on a tie, and names the others", () => {
    expect(suggest("dc3", ["dc1", "dc2"])).to.deep.equal({ best: "dc1", alsoClose: ["dc2"] });
    expect(suggest("dcl", ["dc1", "dc2"])).to.deep.equal({ best: "dc1", alsoClose: ["dc2"] });
    expect(suggest("dc_2", ["dc1", "dc2"])).to.deep.equal({ best: "dc2", alsoClose: [] });
  });

  it("ranks all candidates instead of taking the first close one", () => {
    expect(suggest("partiton", ["packet_loss", "isolate", "partition"])?.best).to.equal("partition");
    expect(suggest("latncy", ["latency_p", "latency"])?.best).to.equal("latency");
  });

  it("prefers a match that differs only in case", () => {
    expect(suggest("Partition", ["partitions", "partition"])?.best).to.equal("partition");
    expect(suggest("DC1", ["dc2", "dc1"])?.best).to.equal("dc1");
  });

  it("limits the distance to 0.4 of the length, and short names to case", () => {
    expect(suggest("rto", ["rpo"])?.best).to.equal("rpo"); // n = 3 allows one edit, as `dc3` → `dc1` needs
    expect(suggest("flap", ["latency"])).to.equal(undefined);
    expect(suggest("ab", ["ac"])).to.equal(undefined);
    expect(suggest("AB", ["ab"])?.best).to.equal("ab");
    expect(suggest("timeout", ["tags", "seed"])).to.equal(undefined);
    expect(suggest("tmeout", ["timeout"])?.best).to.equal("timeout");
  });

  it("counts a swap of neighbours as one edit", () => {
    expect(editDistance("parittion", "partition")).to.equal(1);
    expect(editDistance("kitten", "sitting")).to.equal(3);
    expect(editDistance("abc", "abc")).to.equal(0);
  });
});

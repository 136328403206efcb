import { expect } from "chai";
import { partition } from "../../src/drivers/network/index.js";
import { restChannels } from "../../src/runtime/fault-targets.js";
import { faultHost } from "../drivers/fault-hosts.js";
import { must } from "../helpers/must.js";

describe("runtime: the channels a fault must not cut", () => {
  const mgmt = faultHost("dc1-a", "10.1.0.11");
  const other = faultHost("dc1-b", "10.1.0.12");
  const ssh = [
    { host: "dc1-a", peer: "10.9.0.5", port: 22, what: "ssh" },
    { host: "dc1-b", peer: "10.9.0.5", port: 22, what: "ssh" },
  ];

  it("keeps the REST endpoint a datacenter host serves, from xdc's address as that host sees it", () => {
    expect(restChannels([mgmt, other], ssh, ["https://10.1.0.11:8443/streams/rest", "https://10.7.7.7:8443/streams/rest", "http://10.1.0.12/streams/rest", "not a url"])).to.deep.equal([
      { host: "dc1-a", peer: "10.9.0.5", port: 8443, what: "rest" },
      { host: "dc1-b", peer: "10.9.0.5", port: 80, what: "rest" },
    ]);
  });

  it("a partition of that host lets xdc's REST calls through, above its DROP rules", () => {
    const keep = [...ssh, ...restChannels([mgmt], ssh, ["https://10.1.0.11:8443/streams/rest"])];
    const plan = must(partition({ run: "r1", id: "f1", hosts: [mgmt], peers: ["10.9.0.0/16"], keep, label: "dc1 <-> rest of the world" }));
    const line = plan.apply[0]!.via === "ssh" ? plan.apply[0]!.line.split(" && ") : [];
    expect(line.slice(0, 4)).to.deep.equal([
      "sudo -n iptables -w -I INPUT 1 -s 10.9.0.5 -p tcp --dport 22 -m comment --comment xdc.r1.f1 -j ACCEPT",
      "sudo -n iptables -w -I OUTPUT 1 -d 10.9.0.5 -p tcp --sport 22 -m comment --comment xdc.r1.f1 -j ACCEPT",
      "sudo -n iptables -w -I INPUT 2 -s 10.9.0.5 -p tcp --dport 8443 -m comment --comment xdc.r1.f1 -j ACCEPT",
      "sudo -n iptables -w -I OUTPUT 2 -d 10.9.0.5 -p tcp --sport 8443 -m comment --comment xdc.r1.f1 -j ACCEPT",
    ]);
    expect(line.slice(4)).to.deep.equal([
      "sudo -n iptables -w -I INPUT 3 -s 10.9.0.0/16 -m comment --comment xdc.r1.f1 -j DROP",
      "sudo -n iptables -w -I OUTPUT 3 -d 10.9.0.0/16 -m comment --comment xdc.r1.f1 -j DROP",
    ]);
  });
});

import { expect } from "chai";
import type { ApiEndpoint } from "../../../src/drivers/faults/types.js";
import { cancelJob, stopInstance, stopPe } from "../../../src/drivers/api-faults/index.js";

const EP: ApiEndpoint = { url: "https://dc1.example:8443/streams/rest", user: "streamsadmin", passwordEnv: "DC1_STREAMS_PASSWORD" };

describe("API fault builders", () => {
  it("cancel_job: one REST call, checked by the job being gone; Streams cannot take it back", () => {
    const plan = cancelJob({ run: "r1", id: "f7", dc: "dc1", jobId: "3", endpoint: EP });
    expect(plan).to.deep.equal({
      ok: true,
      value: {
        id: "f7",
        run: "r1",
        kind: "cancel_job",
        summary: "cancel job 3 on dc1",
        hosts: {},
        apis: { dc1: EP },
        apply: [{ via: "api", dc: "dc1", call: { op: "cancelJob", jobId: "3" } }],
        verify: [{ what: "job 3 is gone from dc1", probe: { via: "api", dc: "dc1", call: { op: "jobStatus", jobId: "3" } }, expect: { exit: [0], pattern: "^(absent|canceled|canceling)$", min: 1, max: 1 } }],
        undo: [],
        verifyUndone: [],
      },
    });
  });

  it("stop_pe and stop_instance: undone by restarting and starting", () => {
    const pe = stopPe({ run: "r1", id: "f8", dc: "dc2", peId: "12", endpoint: EP });
    expect(pe.ok && pe.value.apply).to.deep.equal([{ via: "api", dc: "dc2", call: { op: "stopPe", peId: "12" } }]);
    expect(pe.ok && pe.value.undo).to.deep.equal([{ via: "api", dc: "dc2", call: { op: "restartPe", peId: "12" } }]);
    expect(pe.ok && pe.value.verifyUndone[0]!.probe).to.deep.equal({ via: "api", dc: "dc2", call: { op: "peStatus", peId: "12" } });
    const instance = stopInstance({ run: "r1", id: "f9", dc: "dc2", endpoint: EP });
    expect(instance.ok && instance.value.undo).to.deep.equal([{ via: "api", dc: "dc2", call: { op: "startInstance" } }]);
    expect(instance.ok && instance.value.verify[0]!.expect.pattern).to.equal("^(stopped|stopping)$");
    expect(stopPe({ run: "r1", id: "f8", dc: "dc2", peId: "../jobs", endpoint: EP }).ok).to.equal(false);
    expect(stopPe({ run: "r1", id: "f8", dc: "dc2", peId: "7", endpoint: { ...EP, passwordEnv: "$(reboot)" } }).ok).to.equal(false);
  });
});

import { expect } from "chai";
import { upload } from "./fixtures.js";
import { startTwin, type Twin } from "./rest-helpers.js";

describe("sim REST: PE and instance actions", () => {
  let t: Twin;
  before(async () => {
    t = await startTwin();
    t.instance.submitJob({ bundleId: upload(t.instance), startedBy: "u" });
  });
  after(() => t.close());

  it("stops and restarts a PE with PATCH {action}, answering the PE", async () => {
    const stopped = await t.send("PATCH", "/streams/rest/instances/dc1/pes/1", { action: "stop" });
    expect(stopped.status).to.equal(200);
    expect(stopped.body).to.include({ resourceType: "pe", id: "1", status: "stopped", statusReason: "requested" });
    const restarted = await t.send("PATCH", "/streams/rest/instances/dc1/pes/1", { action: "restart" });
    expect(restarted.body).to.include({ status: "restarting", launchCount: 1 });
    t.clock.advance(1_000);
    expect((await t.get("/streams/rest/instances/dc1/pes/1")).body).to.include({ status: "running", launchCount: 2 });
  });

  it("asks for an action when none is sent, and names a wrong one", async () => {
    const none = await t.send("PATCH", "/streams/rest/instances/dc1/pes/1", {});
    expect(none.status).to.equal(400);
    expect(none.body.id).to.equal("CDISW5011E");
    const wrong = await t.send("PATCH", "/streams/rest/instances/dc1", { action: "explode" });
    expect(wrong.status).to.equal(400);
    expect(wrong.body.message).to.equal('CDISW5100E action: expected "stop" or "start", found the string "explode"');
  });

  it("stops the instance (canceling its jobs) and starts it again", async () => {
    const stopped = await t.send("PATCH", "/streams/rest/instances/dc1", { action: "stop" });
    expect(stopped.body).to.include({ resourceType: "instance", status: "stopped" });
    expect(t.instance.jobs()).to.have.length(0);
    expect((await t.send("PATCH", "/streams/rest/instances/dc1", { action: "start" })).body.status).to.equal("running");
  });
});

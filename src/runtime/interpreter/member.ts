import type * as A from "../../language/ast.js";
import type { RuntimeValue } from "../value.js";
import type { Frame } from "./context.js";
import { haltError } from "./halt.js";
import { fromReading, worldValue } from "./world-call.js";

const dc = (name: string): RuntimeValue => ({ kind: "ref", what: "dc", name });
const ms = (value: number): RuntimeValue => ({ kind: "quantity", unit: "Duration", value });

/** `object.name` on an entity: `app.Ingest`, `fo.rto`, `load.sent`, `dc1.name`, `job.id`. */
export async function member(f: Frame, e: A.Member, object: RuntimeValue): Promise<RuntimeValue> {
  const name = e.name.name;
  switch (object.kind) {
    case "unknown":
      return object;
    case "app": {
      const declared = f.run.program.types.get(e);
      const direction = declared?.kind === "entity" && declared.direction ? declared.direction : object.sinks.includes(name) ? "sink" : "source";
      return { kind: "endpoint", app: object, name, direction };
    }
    case "failover": {
      const fields: Record<string, RuntimeValue> = {
        rto: ms(object.rtoMs),
        at: { kind: "time", ms: object.atMs },
        detected_at: { kind: "time", ms: object.detectedAtMs },
        from: dc(object.from),
        to: dc(object.to),
        detected_by: { kind: "string", value: object.detectedBy },
      };
      if (fields[name]) return fields[name];
      break;
    }
    case "workload":
      if (name === "endpoint") return object.endpoint;
      if (name === "rate") return { kind: "quantity", unit: "Rate", value: object.ratePerSecond };
      if (name === "sent") return fromReading(await worldValue(f, e.span, (w, call) => w.sent(object, call)), "Number");
      break;
    case "ref":
      if (name === "name") return { kind: "string", value: object.name };
      break;
    case "host":
      if (name === "name") return { kind: "string", value: object.name };
      if (name === "address") return { kind: "string", value: object.address ?? object.name };
      break;
    case "job":
      if (name === "id") return { kind: "string", value: object.id };
      if (name === "dc") return dc(object.dc);
      break;
    case "record": {
      const field = object.fields.find((x) => x.name === name);
      if (field) return field.value as RuntimeValue;
      break;
    }
  }
  throw haltError("internal", `no field \`${name}\` on ${object.kind}`, e.span);
}

import type { Flow, Shaping } from "../types.js";
import { INTERFACES, newQdisc, shapeMessage, showLine, type Interface, type Qdisc, type QdiscSpec } from "./qdisc.js";
import { flowInterface } from "./rule.js";

export type QdiscChange = { readonly kind: "qdisc.added" | "qdisc.changed" | "qdisc.removed"; readonly dev: Interface; readonly qdisc: string };

/** The root qdisc of each interface of one host (none means the kernel's default). */
export class QdiscTable {
  private readonly roots = new Map<Interface, Qdisc>();
  /** The kernel numbers automatic handles from 8001: upwards. */
  private nextHandle = 0x8001;

  root(dev: Interface): Qdisc | undefined {
    return this.roots.get(dev);
  }

  devices(): readonly Interface[] {
    return INTERFACES;
  }

  /** Installs a new root qdisc (replacing any), with `handle` or the next automatic one. */
  install(dev: Interface, spec: QdiscSpec, handle: number | undefined, now: number): QdiscChange {
    const existed = this.roots.has(dev);
    const qdisc = newQdisc(handle ?? this.nextHandle++, spec, now);
    this.roots.set(dev, qdisc);
    return { kind: existed ? "qdisc.changed" : "qdisc.added", dev, qdisc: describe(dev, qdisc) };
  }

  /** Changes the options of the installed root qdisc, keeping its handle and statistics. */
  change(dev: Interface, spec: QdiscSpec): QdiscChange {
    const qdisc = this.roots.get(dev)!;
    qdisc.spec = spec;
    return { kind: "qdisc.changed", dev, qdisc: describe(dev, qdisc) };
  }

  remove(dev: Interface): QdiscChange {
    const qdisc = this.roots.get(dev)!;
    this.roots.delete(dev);
    return { kind: "qdisc.removed", dev, qdisc: describe(dev, qdisc) };
  }

  /**
   * Shaping of a message this host sends. Qdiscs sit on egress, so only `direction: "out"` is
   * shaped; the reply to an incoming request is the responder's own outgoing message.
   */
  shape(flow: Flow, bytes: number, now: number, random: () => number): Shaping {
    if (flow.direction !== "out") return { dropped: false, delayMs: 0 };
    return shapeMessage(this.roots.get(flowInterface(flow) as Interface), bytes, now, random);
  }
}

const describe = (dev: Interface, qdisc: Qdisc) => showLine(dev, qdisc, false).trimEnd();

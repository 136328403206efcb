/** Groups of builtins, in the order `xdc builtins` and the reference list them. */
export const CATEGORIES = [
  { name: "deployment", title: "Deployment", doc: "Applications, jobs, hosts and secrets: what the scenario deploys and acts on." },
  { name: "network", title: "Network faults", doc: "Faults on the links between datacenters." },
  { name: "process", title: "Process faults", doc: "Signals to processing elements and to the Streams processes of hosts." },
  { name: "resource", title: "Resource faults", doc: "Exhaust CPU, memory or disk on a host." },
  { name: "api", title: "API faults", doc: "Faults made through the Streams REST API." },
  { name: "data", title: "Data", doc: "Feed tuples into source endpoints and read them from sinks." },
  { name: "observation", title: "Observation", doc: "Conditions, events and measurements of the running system." },
  { name: "monitoring", title: "Monitoring", doc: "Queries to the deployment's monitoring: its Prometheus servers." },
  { name: "series", title: "Time series", doc: "Figures of a series sampled with `let NAME = sample … every D`: largest, smallest, mean, percentile." },
  { name: "repeats", title: "Over repeats", doc: "Statistics of a value over the repeats of a scenario (`xdc exec --repeat N`), judged after the last repeat: one side of an `expect` comparison." },
  { name: "checks", title: "Checks", doc: "What a workload's tuples went through: loss, duplicates, order, recovery point." },
  { name: "control", title: "Control", doc: "Undoing faults and writing to the journal." },
] as const;

export type Category = (typeof CATEGORIES)[number]["name"];

import { PriorityClassV1 } from "@cdktf/provider-kubernetes/lib/priority-class-v1";
import { Construct } from "constructs";
import { BATCH_PRIORITY_CLASS, INFERENCE_PRIORITY_CLASS } from "./constants";

/** A priority class of the platform. */
export interface PlatformPriorityClass {
  readonly name: string;
  readonly value: number;
  readonly preemptionPolicy: "PreemptLowerPriority" | "Never";
  readonly description: string;
}

/**
 * The platform's priority classes. Neither is the global default: pods that name none
 * keep priority 0.
 *
 * - `ai-platform-inference` (100000, PreemptLowerPriority): serving must come up when
 *   GPUs are scarce, so it preempts batch and unprioritised pods.
 * - `ai-platform-batch` (1000, Never): training and batch jobs queue ahead of
 *   unprioritised pods but never evict running work; being lower than inference, they are
 *   what inference preempts. Jobs should checkpoint.
 *
 * Both are far below the system classes (`system-cluster-critical` is 2000000000).
 * https://kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption/
 */
export const PRIORITY_CLASSES: readonly PlatformPriorityClass[] = [
  {
    name: INFERENCE_PRIORITY_CLASS,
    value: 100000,
    preemptionPolicy: "PreemptLowerPriority",
    description: "Latency-sensitive model serving; preempts batch and unprioritised pods.",
  },
  {
    name: BATCH_PRIORITY_CLASS,
    value: 1000,
    preemptionPolicy: "Never",
    description: "Training and batch jobs; queue ahead of unprioritised pods, never preempt, preempted by inference.",
  },
];

/** Props of {@link PriorityClasses}. */
export interface PriorityClassesProps {
  readonly labels: Readonly<Record<string, string>>;
}

/** Creates {@link PRIORITY_CLASSES} (construct id = class name). */
export class PriorityClasses extends Construct {
  public readonly classes: ReadonlyMap<string, PriorityClassV1>;

  constructor(scope: Construct, id: string, props: PriorityClassesProps) {
    super(scope, id);
    const classes = new Map<string, PriorityClassV1>();
    for (const pc of PRIORITY_CLASSES) {
      classes.set(
        pc.name,
        new PriorityClassV1(this, pc.name, {
          metadata: { name: pc.name, labels: { ...props.labels } },
          value: pc.value,
          preemptionPolicy: pc.preemptionPolicy,
          globalDefault: false,
          description: pc.description,
        }),
      );
    }
    this.classes = classes;
  }
}

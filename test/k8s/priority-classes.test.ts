import { BATCH_PRIORITY_CLASS, INFERENCE_PRIORITY_CLASS } from "../../lib/k8s";
import { cloudProps, exampleSpec, synthLayer, type Synth } from "./helpers";

describe("PriorityClasses", () => {
  let synth: Synth;
  beforeAll(() => {
    synth = synthLayer(cloudProps(exampleSpec(), "gcp"));
  });

  test("inference preempts, batch never does and ranks below inference; neither is the default", () => {
    const inference = synth.one("kubernetes_priority_class_v1", INFERENCE_PRIORITY_CLASS);
    const batch = synth.one("kubernetes_priority_class_v1", BATCH_PRIORITY_CLASS);
    expect(inference).toMatchObject({ value: 100000, preemption_policy: "PreemptLowerPriority", global_default: false });
    expect(batch).toMatchObject({ value: 1000, preemption_policy: "Never", global_default: false });
    expect(batch.value).toBeLessThan(inference.value);
    expect(inference.metadata.name).toBe("ai-platform-inference");
    expect(batch.metadata.name).toBe("ai-platform-batch");
  });
});

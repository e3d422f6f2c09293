import { describe, expect, it } from "vitest";
import { CONTAINER, configMapFrom, editManifest, readFixture } from "./fixtures.test-helper";
import { planRollback } from "./plan-rollback";
import { splitYamlDocuments } from "./split-yaml-documents";

const CHECKOUT = readFixture("online-boutique/checkoutservice.yaml");
const CONFIG = configMapFrom(CHECKOUT, "checkoutservice-config");
const v41 = { "k8s/checkout.yaml": `${CHECKOUT}---\n${CONFIG}` };

/** The v42 release: a new image tag, a readiness timeout below start-up, a ConfigMap key changed. */
const v42 = {
  "k8s/checkout.yaml": editManifest(v41["k8s/checkout.yaml"], (doc) => {
    if (doc.get("kind") === "Deployment") {
      doc.setIn([...CONTAINER, "image"], "checkoutservice:v42");
      doc.setIn([...CONTAINER, "readinessProbe", "timeoutSeconds"], 1);
    }
    if (doc.get("kind") === "ConfigMap")
      doc.setIn(["data", "CART_SERVICE_ADDR"], "cartservice-v2:7070");
  }),
};
const CONFIG_KEY = "v1 ConfigMap default/checkoutservice-config";

describe("planRollback", () => {
  it("restores the Deployment and warns that the ConfigMap changed in the same deploy stays", () => {
    const plan = planRollback({ current: v42, target: v41 });
    expect(plan.writes).toHaveLength(1);
    const written = plan.writes[0]?.content ?? "";
    expect(written).toContain("image: checkoutservice\n");
    expect(written).not.toContain("timeoutSeconds: 1");
    expect(written).toContain("CART_SERVICE_ADDR: cartservice-v2:7070");
    expect(plan.warnings).toEqual([
      expect.objectContaining({
        code: "not_reverted",
        document: CONFIG_KEY,
        canInclude: true,
        message:
          "ConfigMap default/checkoutservice-config changed in the same deploy and will NOT be reverted; add it to roll it back too.",
      }),
    ]);
    const diff = plan.diffs[0];
    expect(diff?.documents.map((doc) => doc.ref?.key)).toEqual([
      "apps/v1 Deployment default/checkoutservice",
    ]);
    expect(diff?.diff).toMatch(/^-\s+image: checkoutservice:v42$/m);
    expect(diff?.diff).toMatch(/^\+\s+image: checkoutservice$/m);
    expect(diff?.diff).toMatch(/^-\s+timeoutSeconds: 1$/m);
  });

  it("reverts the ConfigMap too when the responder deliberately adds it", () => {
    const plan = planRollback({ current: v42, target: v41, include: [CONFIG_KEY] });
    expect(plan.writes[0]?.content).toContain("CART_SERVICE_ADDR: cartservice:7070");
    expect(plan.warnings).toEqual([
      expect.objectContaining({ code: "included", document: CONFIG_KEY }),
    ]);
    expect(plan.diffs[0]?.documents).toHaveLength(2);
  });

  it("keeps every other document of the file byte for byte, comments included", () => {
    const commented = {
      "k8s/checkout.yaml": v42["k8s/checkout.yaml"].replace(
        "kind: Service\n",
        "kind: Service # public\n",
      ),
    };
    const written = planRollback({ current: commented, target: v41 }).writes[0]?.content ?? "";
    const before = (splitYamlDocuments(commented["k8s/checkout.yaml"]) ?? []).map(
      (chunk) => chunk.text,
    );
    const after = (splitYamlDocuments(written) ?? []).map((chunk) => chunk.text);
    expect(after).toHaveLength(before.length);
    expect(after.slice(1)).toEqual(before.slice(1));
    expect(written).toContain("# public");
  });

  it("leaves non-Kubernetes files alone, says nothing changes when nothing would, and rejects unknown includes", () => {
    const props = { "app.properties": "pool.size=2\n" };
    const plan = planRollback({
      current: { ...v41, ...props },
      target: { ...v41, "app.properties": "pool.size=10\n" },
    });
    expect(plan.writes).toEqual([]);
    expect(plan.warnings.map((warning) => warning.code)).toEqual(["not_reverted", "no_change"]);
    expect(() =>
      planRollback({ current: v42, target: v41, include: ["v1 ConfigMap default/nope"] }),
    ).toThrow(/No such document/);
  });
});

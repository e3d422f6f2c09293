import { describe, expect, it } from "vitest";
import { readFixture } from "./fixtures.test-helper";
import { listDocuments } from "./list-documents";

describe("listDocuments", () => {
  it("names a manifest's documents and nothing for plain config", () => {
    const refs = listDocuments("cart.yaml", readFixture("online-boutique/cartservice.yaml"));
    expect(refs.map((ref) => ref.key)).toContain("apps/v1 Deployment default/redis-cart");
    expect(
      listDocuments("sock.yaml", readFixture("sock-shop/01-carts-dep.yaml"))[0]?.namespace,
    ).toBe("sock-shop");
    expect(listDocuments("app.properties", "a=1\n")).toEqual([]);
  });
});

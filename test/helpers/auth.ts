import { randomBytes } from "node:crypto";
import { getCliContext } from "../../lib/auth/get-cli-context";
import { createToken } from "../../lib/auth/manage-tokens";
import { createUser } from "../../lib/auth/manage-users";
import type { TRole } from "../../lib/auth/schemas";

export type TTestActor = { email: string; headers: Record<string, string>; tokenId: number };

/** A fresh user with this role and an API token, as request headers. */
export async function createTestActor(role: TRole): Promise<TTestActor> {
  const email = `${role}-${randomBytes(4).toString("hex")}@test.example`;
  await createUser(getCliContext(), { email, role, password: "correct horse battery staple" });
  const { token, secret } = await createToken(getCliContext(), { email, name: `${role} test` });
  return { email, headers: { authorization: `Bearer ${secret}` }, tokenId: token.id };
}

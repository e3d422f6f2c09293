import { getCliContext } from "../lib/auth/get-cli-context";
import { createToken, listTokens, revokeToken } from "../lib/auth/manage-tokens";
import { ZCreateTokenBody, ZNumericId } from "../lib/auth/schemas";
import { readCliValue, readCommandArgs, UsageError } from "./lib/read-cli-input";

export const TOKENS_HELP = `faultline tokens <create|list|revoke>

  create --email <e> --name <n> [--role <r>]
                                            an API token for that user, at most their role
                                            (theirs by default); printed once
  list                                      id, name, role, user, prefix, last used, revoked
  revoke <id>                               the token stops working at once`;

/** Checks the arguments before any database opens; returns the work to do once one is. */
export function prepareTokensCommand(args: string[]): () => Promise<void> {
  const { positionals, values } = readCommandArgs(args, {
    email: { type: "string" },
    name: { type: "string" },
    role: { type: "string" },
  });
  const [action, idArg] = positionals;
  switch (action) {
    case "create": {
      const input = readCliValue(ZCreateTokenBody, values, "tokens create");
      return async () => {
        const { token, secret } = await createToken(getCliContext(), input);
        console.log(
          `created token #${token.id} "${token.name}" (${token.role}) for ${token.userEmail}`,
        );
        console.log(`token:    ${secret}`);
        console.log("The token is shown this once; it won't be shown again. Store it now.");
        console.log("Send it as: Authorization: Bearer <token>");
      };
    }
    case "list":
      return async () => {
        const tokens = await listTokens(getCliContext());
        if (tokens.length === 0) console.log("no API tokens yet");
        for (const token of tokens) {
          console.log(
            `#${token.id}  ${token.name.padEnd(24)} ${token.role.padEnd(9)} ${token.userEmail.padEnd(32)} ` +
              `${token.prefix}…  last used ${token.lastUsedAt?.toISOString() ?? "never"}  ` +
              `${token.revokedAt ? `revoked ${token.revokedAt.toISOString()}` : "active"}`,
          );
        }
      };
    case "revoke": {
      const id = readCliValue(ZNumericId, idArg, "token id");
      return async () => {
        const token = await revokeToken(getCliContext(), id);
        console.log(
          `token #${token.id} "${token.name}" revoked at ${token.revokedAt?.toISOString() ?? "?"}`,
        );
      };
    }
    default:
      throw new UsageError(`unknown tokens action "${action ?? ""}": create, list or revoke`);
  }
}

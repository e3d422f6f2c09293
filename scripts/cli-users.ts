import { getCliContext } from "../lib/auth/get-cli-context";
import { createUser, listUsers, type TUserSummary, updateUser } from "../lib/auth/manage-users";
import { ROLES, ZCreateUserBody, ZNumericId, ZRole } from "../lib/auth/schemas";
import { readCliValue, readCommandArgs, UsageError } from "./lib/read-cli-input";

export const USERS_HELP = `faultline users <create|list|set-role|disable|enable>

  create --email <e> --role <r> [--name <n>] [--password <p>]
                                            without --password, prints a generated one once
  list                                      every user, role and state
  set-role <id> <role>                      roles: ${ROLES.join(" < ")}
  disable <id> | enable <id>                enabling also lifts a sign-in lockout`;

/** Checks the arguments before any database opens; returns the work to do once one is. */
export function prepareUsersCommand(args: string[]): () => Promise<void> {
  const { positionals, values } = readCommandArgs(args, {
    email: { type: "string" },
    role: { type: "string" },
    name: { type: "string" },
    password: { type: "string" },
  });
  const [action, idArg, roleArg] = positionals;
  switch (action) {
    case "create": {
      const input = readCliValue(ZCreateUserBody, values, "users create");
      return async () => {
        const { user, password } = await createUser(getCliContext(), input);
        console.log(`created user #${user.id} ${user.email} (${user.role})`);
        if (password) {
          console.log(`password: ${password}`);
          console.log("The password is shown this once; it won't be shown again. Pass it on now.");
        }
      };
    }
    case "list":
      return async () => {
        const users = await listUsers(getCliContext());
        if (users.length === 0) console.log("no users yet");
        for (const user of users) console.log(describeUser(user));
      };
    case "set-role": {
      const id = readCliValue(ZNumericId, idArg, "user id");
      const role = readCliValue(ZRole, roleArg, "role");
      return async () => {
        const user = await updateUser(getCliContext(), id, { role });
        console.log(`user #${user.id} ${user.email} now has the ${user.role} role`);
      };
    }
    case "disable":
    case "enable": {
      const id = readCliValue(ZNumericId, idArg, "user id");
      return async () => {
        const user = await updateUser(getCliContext(), id, { isDisabled: action === "disable" });
        console.log(`user #${user.id} ${user.email} ${action}d`);
      };
    }
    default:
      throw new UsageError(
        `unknown users action "${action ?? ""}": create, list, set-role, disable or enable`,
      );
  }
}

function describeUser(user: TUserSummary): string {
  const state = user.isDisabled ? "disabled" : user.isLocked ? "locked" : "active";
  return (
    `#${user.id}  ${user.email.padEnd(32)} ${user.role.padEnd(9)} ${state.padEnd(8)}  ` +
    `${user.hasPassword ? "password" : "no password"}  ` +
    `last sign-in ${user.lastSignInAt?.toISOString() ?? "never"}  ${user.name}`
  );
}

import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";

// The script holds no secret: git runs it with the prompt as $1 and it echoes the variable
// this process passes in git's environment, so the token never reaches argv, disk or .git/config.
const ASKPASS_SCRIPT = `#!/bin/sh
case "$1" in
  [Uu]sername*) printf '%s\\n' "$FAULTLINE_GIT_USERNAME" ;;
  *) printf '%s\\n' "$FAULTLINE_GIT_PASSWORD" ;;
esac
`;

let scriptPath: Promise<string> | undefined;

function getAskpassScript(): Promise<string> {
  scriptPath ??= (async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "faultline-askpass-"));
    const file = path.join(dir, "askpass.sh");
    await fs.writeFile(file, ASKPASS_SCRIPT, { mode: 0o700 });
    return file;
  })();
  return scriptPath;
}

/** Environment that answers git's credential prompts with the configured username and token. */
export async function getCredentialEnv(
  username: string | undefined,
  token: string | undefined,
): Promise<Record<string, string>> {
  if (!token) return {};
  return {
    GIT_ASKPASS: await getAskpassScript(),
    // GitHub and GitLab take any user name with a token; this one is GitHub's documented choice.
    FAULTLINE_GIT_USERNAME: username || "x-access-token",
    FAULTLINE_GIT_PASSWORD: token,
  };
}

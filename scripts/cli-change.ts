import fs from "node:fs";
import nodePath from "node:path";
import { getCliContext } from "../lib/auth/get-cli-context";
import { recordChange } from "../lib/changes/record-change";
import { ZChangeBody } from "../lib/changes/schemas";
import { readCliValue, readCommandArgs, UsageError } from "./lib/read-cli-input";

export const CHANGE_HELP = `faultline change record --service S --kind deploy|config|flag --version V
                        [--file PATH ...] [--root DIR] [--at TIME] [--author NAME]
                        [--description TEXT]

  Records a change event, as a CI pipeline's last step: every --file's whole content is kept
  (identical contents once), so earlier versions can be rebuilt and diffed. Paths are stored
  relative to --root (default: the current directory), and must be inside it. A service no catalog knows is created unmapped. Remote pipelines can
  POST the same body to /api/changes with a \`changes\` integration's token instead.

  faultline change record --service order-service --kind deploy --version v42 \\
    --file k8s/deployment.yaml --file k8s/configmap.yaml`;

/** `faultline change record`: one change event from files on disk. */
export function prepareChangeCommand(args: string[]): () => Promise<void> {
  const [action, ...rest] = args;
  if (action !== "record") throw new UsageError(`usage: ${CHANGE_HELP}`);
  const { values } = readCommandArgs(rest, {
    service: { type: "string" },
    kind: { type: "string" },
    version: { type: "string" },
    file: { type: "string", multiple: true },
    at: { type: "string" },
    author: { type: "string" },
    description: { type: "string" },
    root: { type: "string" },
  });
  const root = nodePath.resolve(values.root ?? ".");
  const files = (values.file ?? []).map((path) => {
    if (!fs.existsSync(path)) throw new UsageError(`--file ${path}: no such file`);
    const relative = nodePath.relative(root, nodePath.resolve(path));
    if (relative.startsWith("..") || nodePath.isAbsolute(relative)) {
      throw new UsageError(`--file ${path}: not inside ${root} (--root), so it has no stored path`);
    }
    return { path: relative.split(nodePath.sep).join("/"), content: fs.readFileSync(path, "utf8") };
  });
  const body = readCliValue(
    ZChangeBody,
    { ...values, file: undefined, root: undefined, files },
    "change",
  );
  return async () => {
    console.log(
      `recording ${body.kind} ${body.version} of ${body.service}: ${files.length} file(s)`,
    );
    const recorded = await recordChange(getCliContext(), body);
    console.log(`recorded change #${recorded.id} for ${recorded.service}`);
    for (const note of recorded.notes) console.log(`note: ${note}`);
  };
}

import type { TExecutor, TExecutorRequest, TExecutorResult } from "./schemas";
import { validateWritePath } from "./validate-write-path";

/** Records what would change and touches nothing: the default executor. */
export function createDryRunExecutor(): TExecutor {
  return {
    name: "dry-run",
    async apply(request: TExecutorRequest): Promise<TExecutorResult> {
      const files = request.writes.map((write) => validateWritePath(write.path));
      const described = request.writes.map((write, index) =>
        write.content === null ? `delete ${files[index]}` : files[index],
      );
      const noun = files.length === 1 ? "file" : "files";
      return {
        executor: "dry-run",
        status: "dry-run",
        message: `Dry run: would write ${files.length} ${noun} (${described.join(", ")})`,
        files,
      };
    },
  };
}

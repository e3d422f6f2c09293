import { z } from "zod";
import { storeSimulatedHistory } from "../lib/scoring/store-simulated-history";
import { readCliValue, readCommandArgs, UsageError } from "./lib/read-cli-input";

/** `faultline model simulate`: months of simulated incidents as the training history. */
export function prepareModelSimulate(args: string[]): () => Promise<void> {
  const { values, positionals } = readCommandArgs(args, {
    months: { type: "string", default: "6" },
    seed: { type: "string", default: "1" },
    topology: { type: "string", default: "seed" },
  });
  if (positionals.length > 0)
    throw new UsageError(`model simulate takes no argument "${positionals[0]}"`);
  const months = readCliValue(z.coerce.number().int().min(1).max(36), values.months, "--months");
  const seed = readCliValue(z.coerce.number().int(), values.seed, "--seed");
  const topology = readCliValue(z.enum(["seed", "database"]), values.topology, "--topology");
  return async () => {
    console.error(`simulating ${months} months of incidents on the ${topology} topology…`);
    const history = await storeSimulatedHistory({ months, seed, end: new Date(), topology });
    console.log(
      `stored ${history.rows} hypotheses of ${history.incidents} simulated incidents, ${history.from.toISOString().slice(0, 10)} to ${history.to.toISOString().slice(0, 10)}: now run faultline model train`,
    );
  };
}

import { pino } from "pino";
import { createLogger, redactPaths } from "../../src/logger.ts";
const dest = pino.destination({ dest: "/dev/null", sync: true });
const line = { method: "POST", path: "/api/flows", status: 201, latencyMs: 3, requestId: "18b7ce49-e43a-462a-9b6d-eec056e6b1a4", agentId: "17707e1e-1ac2-4918-860f-37b131d8263f" };
const eko = { eko_call: "levin.getSender", method: "GET", path: "/customer/payment/ppi-levin/sender/{customer_id}", rail: "levin", request_id: "18b7ce49-e43a-462a-9b6d-eec056e6b1a4", http_status: 200, response_type_id: 308, latency_ms: 2 };
function bench(label: string, logger: pino.Logger) {
  for (let i = 0; i < 20000; i++) { logger.info(line, "request"); logger.child({ component: "eko" }).info(eko, "eko call"); }
  const t = performance.now();
  for (let i = 0; i < 100000; i++) { logger.info(line, "request"); logger.child({ component: "eko" }).info(eko, "eko call"); }
  console.log(label, ((performance.now() - t) / 100000 * 1000).toFixed(1), "us per request (2 lines)");
}
bench("current (92 wildcard paths)", createLogger("info", dest));
const oneLevel = redactPaths.filter((p) => !p.startsWith("*.*"));
bench(`top + one level (${oneLevel.length} paths)`, pino({ level: "info", base: undefined, redact: { paths: oneLevel, censor: "[redacted]" }, timestamp: pino.stdTimeFunctions.isoTime }, dest));
bench("no redact", pino({ level: "info", base: undefined, timestamp: pino.stdTimeFunctions.isoTime }, dest));
const asyncDest = pino.destination({ dest: "/dev/null", sync: false, minLength: 4096 });
bench("current paths, async 4 kB buffered dest", createLogger("info", asyncDest));

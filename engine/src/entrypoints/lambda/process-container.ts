import { powertoolsTelemetry } from './telemetry.js';
import { readLambdaEnvironment } from './environment.js';
import { RuntimeContainer } from './container.js';

let container: RuntimeContainer | undefined;
let telemetry: ReturnType<typeof powertoolsTelemetry> | undefined;

/** The container of this Lambda process, built on first use from its environment (the only place read). */
export function processContainer(): {
  container: RuntimeContainer;
  telemetry: ReturnType<typeof powertoolsTelemetry>;
} {
  if (!container || !telemetry) {
    const env = readLambdaEnvironment(process.env);
    telemetry = powertoolsTelemetry(env.SPA_ENVIRONMENT);
    const region = process.env.AWS_REGION ?? 'us-east-1';
    container = new RuntimeContainer({
      env,
      telemetry,
      access: { region, ...(process.env.AWS_ENDPOINT_URL ? { endpoint: process.env.AWS_ENDPOINT_URL } : {}) },
    });
  }
  return { container, telemetry };
}

import type { SopEvent } from '../../engine/runtime/context';
import type { ProjectDriver } from '../../engine/runtime/driver';

/** The message of the driver's refusal (or undefined when it accepts the event). */
export function explainText(driver: ProjectDriver, event: SopEvent): string | undefined {
  return driver.explain(event)?.message;
}

// One console panel's commands: sends over the meeting socket, remembers whether one is under way and the last
// error in words (never a code). Answers change nothing here: the state moves with the ledger events (R1).
import type { LiveMeeting } from '../../live.svelte';
import { errorText } from '../../../i18n/i18n.svelte';

export class Runner {
  busy = $state(false);
  error = $state('');

  constructor(private readonly live: () => LiveMeeting) {}

  /** True when the server acknowledged the command. */
  async run(type: string, fields: Record<string, unknown> = {}): Promise<boolean> {
    this.error = '';
    this.busy = true;
    try {
      await this.live().command(type, fields);
      return true;
    } catch (e) {
      this.error = errorText(e);
      return false;
    } finally {
      this.busy = false;
    }
  }
}

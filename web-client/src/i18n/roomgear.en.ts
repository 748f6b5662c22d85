// English words of the room equipment (issue 19, D39): the hall encoder's key (MV27). The type makes every key of
// roomgear.vi.ts required here.
import type { viRoomgear } from './roomgear.vi';

export const enRoomgear: Record<keyof typeof viRoomgear, string> = {
  'sec.issue.HALL': "Issue the hall encoder's key (WHIP)",
};

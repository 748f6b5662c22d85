// English words of the hall feed on the chair console (issue 13, branch hallfeed, D34). The type makes every key of
// hall.vi.ts required here.
import type { viHall } from './hall.vi';

export const enHall: Record<keyof typeof viHall, string> = {
  'hall.title': 'Hall feed',
  'hall.start': 'Send the hall to the rooms',
  'hall.stop': 'Stop sending',
  'hall.preview': 'The hall camera',
  'hall.noCamera': 'The camera could not be opened: allow this browser to use the camera and microphone, then try again.',
  'hall.state.off': 'The rooms do not see the hall: the camera is off.',
  'hall.state.starting': 'Opening the camera and connecting…',
  'hall.state.on': 'The rooms see the hall through this camera.',
  'hall.state.waiting': 'Connection lost: the hall feed starts again once it is back.',
  'hall.state.error': 'The hall feed is not being sent.',
};

// keys.rotate / rotation / switchNow / cancelRotation: the rotation state machine through the contract.
import type { CallHandler } from './router';

export const keysRotate: CallHandler<'keys.rotate'> = (input, ctx) => ctx.keys.rotations.start(input);

export const keysRotation: CallHandler<'keys.rotation'> = async (input, ctx) => ({ rotation: await ctx.keys.rotations.current(input.id) });

export const keysSwitchNow: CallHandler<'keys.switchNow'> = (input, ctx) => ctx.keys.rotations.switchNow(input.id);

export const keysCancelRotation: CallHandler<'keys.cancelRotation'> = (input, ctx) => ctx.keys.rotations.cancel(input.id);

import type { z } from 'zod';

/**
 * A channel pairs a zod schema for its request with the TypeScript type of its response.
 * The response type is a phantom: it exists only for the compiler, so `response` is never read at run time.
 */
export interface ChannelDef<Req extends z.ZodType, Res> {
  request: Req;
  response?: Res;
}

export function channel<Res>() {
  return <Req extends z.ZodType>(request: Req): ChannelDef<Req, Res> => ({ request });
}

export type RequestOf<C> = C extends ChannelDef<infer Req, unknown> ? z.input<Req> : never;
export type ParsedRequestOf<C> = C extends ChannelDef<infer Req, unknown> ? z.output<Req> : never;
export type ResponseOf<C> = C extends ChannelDef<z.ZodType, infer Res> ? Res : never;

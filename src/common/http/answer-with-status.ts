import { HttpException } from '@nestjs/common';

/**
 * A route's own answer (not an error body) sent with another status than the route's, e.g. /health's
 * DOWN with 503. Thrown rather than set through `@Res()`: a handler parameter costs every request
 * Nest's parameter pipeline; the exception path is taken only when the status differs.
 */
export class AnswerWithStatus<T extends object> extends HttpException {
  constructor(
    status: number,
    readonly body: T,
  ) {
    super(body, status);
  }
}

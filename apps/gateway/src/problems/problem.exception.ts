import { HttpException } from '@nestjs/common';
import type { Problem } from './problem';

/** Thrown to answer with a ready-made problem body, extension members included. */
export class ProblemException extends HttpException {
  constructor(readonly problem: Problem) {
    super(problem, problem.status);
  }
}

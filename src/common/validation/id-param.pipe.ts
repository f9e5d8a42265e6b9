import { Injectable, PipeTransform } from '@nestjs/common';
import { ApiError, ERROR_LABELS } from '../http/api-error';

const MAX_ID = 2 ** 31 - 1;

/** `:id` path parameters: a positive integer written in plain digits; anything else is a 400. */
@Injectable()
export class IdParamPipe implements PipeTransform<unknown, number> {
  transform(value: unknown): number {
    const text = String(value);
    if (!/^\d{1,10}$/.test(text) || Number(text) < 1 || Number(text) > MAX_ID) {
      throw new ApiError(400, ERROR_LABELS[400], `L'identifiant '${text.slice(0, 40)}' doit être un entier positif`);
    }
    return Number(text);
  }
}

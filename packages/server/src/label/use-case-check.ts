// The use case a label belongs to must exist. label/ checks it itself: learn/ reads labels and use-cases/ imports learn/, so label/ must not import use-cases/.
import { ShopfloorError } from '@shopfloor/contracts';
import type { Repositories } from '../store/index.js';

/** USE_CASE_NOT_FOUND (the same code and message as use-cases/ gives) unless the use case exists. */
export async function requireUseCase(store: Repositories, useCaseId: string): Promise<void> {
  if ((await store.useCases.get(useCaseId)) === null) {
    throw new ShopfloorError('USE_CASE_NOT_FOUND', `No use case has id "${useCaseId}"`, { useCaseId });
  }
}

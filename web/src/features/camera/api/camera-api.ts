import { type TSecondCameraJoin, ZSecondCameraJoinSchema } from '@telemost/core/schemas/second-camera';
import { apiRequest } from '../../../lib/api-client.ts';

/** Public: the phone opens its pairing link and gets a camera-only token (the code is then used up). */
export function joinAsCamera(code: string): Promise<TSecondCameraJoin> {
  return apiRequest(`/api/second-camera/${encodeURIComponent(code)}/join`, ZSecondCameraJoinSchema, {
    method: 'POST',
  });
}

import { ZMaterialListSchema, ZMaterialSchema } from '@telemost/core/schemas/classroom';
import { ZIdSchema } from '@telemost/core/schemas/common';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { defineRoute } from '../../lib/route.ts';
import { deleteMaterial } from './delete-material.ts';
import { downloadMaterial } from './download-material.ts';
import { MATERIAL_CONTENT_TYPES } from './file-type.ts';
import { listMaterials } from './list-materials.ts';
import { uploadMaterial } from './upload-material.ts';

const ZEventParams = z.strictObject({ id: ZIdSchema });
const ZMaterialParams = z.strictObject({ id: ZIdSchema, materialId: ZIdSchema });
const OUTSIDER = 'Not a participant of this event nor staff of its colleges';

export function materialRoutes(ctx: AppContext) {
  return [
    defineRoute({
      method: 'post',
      path: '/api/events/:id/materials',
      summary:
        'A host attaches a file to the lesson (multipart, field `file`; PDF, PNG/JPEG/GIF/WebP, pptx/ppt/odp, docx; checked by content)',
      tags: ['classroom'],
      auth: true,
      status: 201,
      params: ZEventParams,
      multipartFile: 'file',
      response: ZMaterialSchema,
      errors: {
        400: 'The multipart body is broken',
        403: 'Not a host of this event',
        413: 'The file is larger than MATERIALS_MAX_MB (25 MB by default)',
        415: 'Not multipart/form-data, or the file is not an accepted type (its bytes must match its extension)',
        422: 'No file in the field `file`, an empty file, or a file without a name',
        503: 'The file store does not answer',
      },
      handler: ({ actor, params, req }) => uploadMaterial(ctx, actor, params.id, req),
    }),
    defineRoute({
      method: 'get',
      path: '/api/events/:id/materials',
      summary: 'The lesson’s materials',
      tags: ['classroom'],
      auth: true,
      params: ZEventParams,
      response: ZMaterialListSchema,
      errors: { 403: OUTSIDER },
      handler: ({ actor, params }) => listMaterials(ctx, actor, params.id),
    }),
    defineRoute({
      method: 'get',
      path: '/api/events/:id/materials/:materialId',
      summary: 'Download a material, with its original name in Content-Disposition',
      tags: ['classroom'],
      auth: true,
      params: ZMaterialParams,
      produces: MATERIAL_CONTENT_TYPES,
      errors: { 403: OUTSIDER, 404: 'No such event or material', 503: 'The file store does not answer' },
      handler: ({ actor, params, res }) => downloadMaterial(ctx, actor, params.id, params.materialId, res),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/events/:id/materials/:materialId',
      summary: 'A host removes a material',
      tags: ['classroom'],
      auth: true,
      params: ZMaterialParams,
      errors: { 403: 'Not a host of this event', 404: 'No such event or material' },
      handler: ({ actor, params }) => deleteMaterial(ctx, actor, params.id, params.materialId),
    }),
  ];
}

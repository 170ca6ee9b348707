import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorBody, idParams } from '../../../../shared/src/contracts/common';
import { conflictBody } from '../../../../shared/src/contracts/organizations';
import {
  createStandard,
  standardDetail,
  standardList,
  standardListQuery,
  standardVersionParams,
  trackList,
  trackListQuery,
  updateStandard,
} from '../../../../shared/src/contracts/standards';
import { ctxOf } from '../../http/context';
import * as standards from './service';

const tags = ['standards'];

const routes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

  app.get(
    '/api/tracks',
    {
      config: { policy: 'standards.read' },
      schema: {
        tags,
        summary: '创建类别列表 List tracks',
        querystring: trackListQuery,
        response: { 200: trackList, 400: errorBody },
      },
    },
    async (req) => standards.listTracks(db, ctxOf(req), req.query),
  );

  app.get(
    '/api/standards',
    {
      config: { policy: 'standards.read' },
      schema: {
        tags,
        summary: '创建标准列表 List standards',
        querystring: standardListQuery,
        response: { 200: standardList, 400: errorBody },
      },
    },
    async (req) => standards.list(db, ctxOf(req), req.query),
  );

  app.get(
    '/api/standards/:id',
    {
      config: { policy: 'standards.read' },
      schema: {
        tags,
        summary: '创建标准详情（最新版本） Get a standard with its latest version',
        params: idParams,
        response: { 200: standardDetail, 400: errorBody, 404: errorBody },
      },
    },
    async (req) => standards.get(db, ctxOf(req), req.params.id),
  );

  app.get(
    '/api/standards/:id/versions/:version',
    {
      config: { policy: 'standards.read' },
      schema: {
        tags,
        summary: '创建标准的某一版本 Get one version of a standard',
        params: standardVersionParams,
        response: { 200: standardDetail, 400: errorBody, 404: errorBody },
      },
    },
    async (req) => standards.getVersion(db, ctxOf(req), req.params.id, req.params.version),
  );

  app.post(
    '/api/standards',
    {
      config: { policy: 'standards.write' },
      schema: {
        tags,
        summary: '新建创建标准 Create a standard (version 1)',
        body: createStandard,
        response: { 201: standardDetail, 400: errorBody, 409: errorBody },
      },
    },
    async (req, reply) => reply.code(201).send(await standards.create(db, ctxOf(req), req.body)),
  );

  app.put(
    '/api/standards/:id',
    {
      config: { policy: 'standards.write' },
      schema: {
        tags,
        summary: '修改创建标准（生成新版本） Edit a standard (writes a new version)',
        params: idParams,
        body: updateStandard,
        response: { 200: standardDetail, 400: errorBody, 404: errorBody, 409: conflictBody },
      },
    },
    async (req) => standards.update(db, ctxOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/standards/:id/deactivate',
    {
      config: { policy: 'standards.write' },
      schema: {
        tags,
        summary: '停用创建标准 Deactivate a standard',
        params: idParams,
        response: { 200: standardDetail, 400: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (req) => standards.deactivate(db, ctxOf(req), req.params.id),
  );
};

export default routes;

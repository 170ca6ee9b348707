import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorBody, idParams } from '../../../../shared/src/contracts/common';
import {
  activateOrganization,
  conflictBody,
  createOrganization,
  deactivateOrganization,
  moveOrganization,
  organization,
  orgAncestors,
  orgList,
  orgListQuery,
  patchOrganization,
} from '../../../../shared/src/contracts/organizations';
import { ctxOf } from '../../http/context';
import * as orgs from './service';

const tags = ['organizations'];
/** The answers every write can give besides success. */
const writeErrors = { 400: errorBody, 404: errorBody, 409: conflictBody, 422: errorBody } as const;

const routes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

  app.get(
    '/api/organizations',
    {
      config: { policy: 'organizations.read' },
      schema: {
        tags,
        summary: '党组织列表 List organisations',
        querystring: orgListQuery,
        response: { 200: orgList, 400: errorBody },
      },
    },
    async (req) => orgs.list(db, ctxOf(req), req.query),
  );

  app.get(
    '/api/organizations/:id',
    {
      config: { policy: 'organizations.read' },
      schema: {
        tags,
        summary: '党组织详情 Get an organisation',
        params: idParams,
        response: { 200: organization, 400: errorBody, 404: errorBody },
      },
    },
    async (req) => orgs.get(db, ctxOf(req), req.params.id),
  );

  app.get(
    '/api/organizations/:id/ancestors',
    {
      config: { policy: 'organizations.read' },
      schema: {
        tags,
        summary: '上级党组织链（面包屑） Ancestors for breadcrumbs',
        params: idParams,
        response: { 200: orgAncestors, 400: errorBody, 404: errorBody },
      },
    },
    async (req) => ({ items: await orgs.ancestors(db, ctxOf(req), req.params.id) }),
  );

  app.post(
    '/api/organizations',
    {
      config: { policy: 'organizations.write' },
      schema: {
        tags,
        summary: '新建党组织 Create an organisation',
        body: createOrganization,
        response: { 201: organization, ...writeErrors },
      },
    },
    async (req, reply) => reply.code(201).send(await orgs.create(db, ctxOf(req), req.body)),
  );

  app.patch(
    '/api/organizations/:id',
    {
      config: { policy: 'organizations.write' },
      schema: {
        tags,
        summary: '修改党组织 Update an organisation',
        params: idParams,
        body: patchOrganization,
        response: { 200: organization, ...writeErrors },
      },
    },
    async (req) => orgs.update(db, ctxOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/organizations/:id/move',
    {
      config: { policy: 'organizations.write' },
      schema: {
        tags,
        summary: '调整隶属关系（移动整棵子树） Move an organisation with its subtree',
        params: idParams,
        body: moveOrganization,
        response: { 200: organization, ...writeErrors },
      },
    },
    async (req) => orgs.move(db, ctxOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/organizations/:id/deactivate',
    {
      config: { policy: 'organizations.write' },
      schema: {
        tags,
        summary: '停用党组织 Deactivate an organisation',
        params: idParams,
        body: deactivateOrganization,
        response: { 200: organization, ...writeErrors },
      },
    },
    async (req) => orgs.deactivate(db, ctxOf(req), req.params.id, req.body.version),
  );

  app.post(
    '/api/organizations/:id/activate',
    {
      config: { policy: 'organizations.write' },
      schema: {
        tags,
        summary: '启用党组织 Activate an organisation',
        params: idParams,
        body: activateOrganization,
        response: { 200: organization, ...writeErrors },
      },
    },
    async (req) => orgs.activate(db, ctxOf(req), req.params.id, req.body.version),
  );
};

export default routes;

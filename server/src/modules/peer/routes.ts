import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorBody, idParams } from '../../../../shared/src/contracts/common';
import { conflictBody } from '../../../../shared/src/contracts/organizations';
import {
  drawPeerGroupsBody,
  mySheets,
  peerFlags,
  peerGroupsView,
  peerSheet,
  savePeerSheetBody,
  submitPeerSheetBody,
} from '../../../../shared/src/contracts/peer';
import { ctxOf } from '../../http/context';
import * as peer from './service';

const tags = ['peer'];

const routes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;

  app.post(
    '/api/stages/:id/peer-groups',
    {
      config: { policy: 'evaluation.manage' },
      schema: {
        tags,
        summary:
          '互比互评分组（预览或确认，记录随机种子） Draw peer groups (preview or commit, seed recorded)',
        params: idParams,
        body: drawPeerGroupsBody,
        response: { 200: peerGroupsView, 400: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (req) => peer.drawPeerGroups(db, ctxOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/stages/:id/peer-groups',
    {
      config: { policy: 'evaluation.manage' },
      schema: {
        tags,
        summary: '互比互评分组与得分 Peer groups, sheet states and scores',
        params: idParams,
        response: { 200: peerGroupsView, 400: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (req) => peer.listPeerGroups(db, ctxOf(req), req.params.id),
  );

  app.get(
    '/api/stages/:id/peer-flags',
    {
      config: { policy: 'evaluation.manage' },
      schema: {
        tags,
        summary: '互评异常提示（一致性、互相偏袒） Peer flags: consensus and reciprocal favours',
        params: idParams,
        response: { 200: peerFlags, 400: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (req) => peer.peerFlags(db, ctxOf(req), req.params.id),
  );

  app.get(
    '/api/peer/sheets/mine',
    {
      config: { policy: 'peer.rate' },
      schema: {
        tags,
        summary: "本组织的互评表 My organisation's peer sheets",
        response: { 200: mySheets },
      },
    },
    async (req) => peer.mySheets(db, ctxOf(req)),
  );

  app.put(
    '/api/peer/sheets/:id',
    {
      config: { policy: 'peer.rate' },
      schema: {
        tags,
        summary: '保存互评表（排名或分数，按代号） Save a peer sheet draft (ranking or scores, by pseudonym)',
        params: idParams,
        body: savePeerSheetBody,
        response: { 200: peerSheet, 400: errorBody, 404: errorBody, 409: conflictBody },
      },
    },
    async (req) => peer.saveSheet(db, ctxOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/peer/sheets/:id/submit',
    {
      config: { policy: 'peer.rate' },
      schema: {
        tags,
        summary: '提交互评表（锁定） Submit (lock) a peer sheet',
        params: idParams,
        body: submitPeerSheetBody,
        response: { 200: peerSheet, 400: errorBody, 404: errorBody, 409: conflictBody },
      },
    },
    async (req) => peer.submitSheet(db, ctxOf(req), req.params.id, req.body.version),
  );
};

export default routes;

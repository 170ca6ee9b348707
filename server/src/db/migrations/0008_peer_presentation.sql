ALTER TABLE "peer_sheets" ADD COLUMN "id" uuid DEFAULT gen_random_uuid() NOT NULL;--> statement-breakpoint
ALTER TABLE "presentation_sessions" ADD COLUMN "panel" uuid[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "peer_sheets" ADD CONSTRAINT "peer_sheets_id_key" UNIQUE("id");
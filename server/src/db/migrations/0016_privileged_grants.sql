ALTER TABLE "privileged_requests" ALTER COLUMN "target_user_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "privileged_requests" ADD COLUMN "role" "role";--> statement-breakpoint
ALTER TABLE "privileged_requests" ADD COLUMN "organization_id" uuid;--> statement-breakpoint
ALTER TABLE "privileged_requests" ADD COLUMN "username" text;--> statement-breakpoint
ALTER TABLE "privileged_requests" ADD COLUMN "display_name" text;--> statement-breakpoint
ALTER TABLE "privileged_requests" ADD COLUMN "email" text;--> statement-breakpoint
ALTER TABLE "privileged_requests" ADD CONSTRAINT "privileged_requests_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "privileged_requests_pending_username_key" ON "privileged_requests" USING btree ("username") WHERE "privileged_requests"."state" = 'pending' and "privileged_requests"."kind" = 'account_create';
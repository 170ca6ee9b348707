UPDATE "evaluation_totals" SET "final_score" = 0 WHERE "final_score" IS NULL;--> statement-breakpoint
UPDATE "evaluation_totals" SET "final_standardised" = 0 WHERE "final_standardised" IS NULL;--> statement-breakpoint
ALTER TABLE "evaluation_totals" ALTER COLUMN "final_score" SET DEFAULT 0;--> statement-breakpoint
ALTER TABLE "evaluation_totals" ALTER COLUMN "final_score" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "evaluation_totals" ALTER COLUMN "final_standardised" SET DEFAULT 0;--> statement-breakpoint
ALTER TABLE "evaluation_totals" ALTER COLUMN "final_standardised" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "evaluation_totals_rank_std_idx" ON "evaluation_totals" USING btree ("campaign_id","track_code","org_kind","final_standardised" DESC NULLS LAST,"last_stage_standardised" DESC NULLS LAST,"counted_reviews" DESC NULLS LAST,"submitted_at","application_id");--> statement-breakpoint
CREATE INDEX "evaluation_totals_track_rank_idx" ON "evaluation_totals" USING btree ("campaign_id","track_code","final_score" DESC NULLS LAST,"last_stage_score" DESC NULLS LAST,"counted_reviews" DESC NULLS LAST,"submitted_at","application_id");--> statement-breakpoint
CREATE INDEX "evaluation_totals_track_rank_std_idx" ON "evaluation_totals" USING btree ("campaign_id","track_code","final_standardised" DESC NULLS LAST,"last_stage_standardised" DESC NULLS LAST,"counted_reviews" DESC NULLS LAST,"submitted_at","application_id");
CREATE INDEX "organizations_name_idx" ON "organizations" USING btree ("name");--> statement-breakpoint
CREATE INDEX "organizations_name_chars_idx" ON "organizations" USING gin (string_to_array(lower("name"), null));--> statement-breakpoint
CREATE INDEX "organizations_code_lower_idx" ON "organizations" USING btree (lower("code") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "applications_recent_idx" ON "applications" USING btree ("updated_at" DESC NULLS FIRST,"id","campaign_id","track_code","org_kind","status","unit_id");--> statement-breakpoint
CREATE INDEX "applications_sort_idx" ON "applications" USING btree ("campaign_id","track_code","org_kind","status","unit_id","updated_at","submitted_at","unit_rank","organization_id","id");--> statement-breakpoint
CREATE INDEX "applications_brand_chars_idx" ON "applications" USING gin (string_to_array(lower("brand_name"), null));
CREATE TYPE "public"."material_kind" AS ENUM('pdf', 'pptx', 'png', 'jpeg', 'webp');--> statement-breakpoint
CREATE TABLE "materials" (
	"id" text PRIMARY KEY NOT NULL,
	"session_id" text NOT NULL,
	"community_id" text NOT NULL,
	"name" text NOT NULL,
	"kind" "material_kind" NOT NULL,
	"size_bytes" integer NOT NULL,
	"storage_key" text NOT NULL,
	"uploaded_by_user_id" text,
	"uploaded_by_name" text NOT NULL,
	"pinned_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "materials" ADD CONSTRAINT "materials_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "materials" ADD CONSTRAINT "materials_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "materials_session_idx" ON "materials" USING btree ("session_id","created_at");--> statement-breakpoint
CREATE INDEX "materials_community_idx" ON "materials" USING btree ("community_id");--> statement-breakpoint
CREATE UNIQUE INDEX "materials_one_pinned_idx" ON "materials" USING btree ("session_id") WHERE "materials"."pinned_at" is not null;
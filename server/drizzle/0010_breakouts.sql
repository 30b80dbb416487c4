CREATE TYPE "public"."breakout_assignment" AS ENUM('random', 'manual', 'choose');--> statement-breakpoint
CREATE TYPE "public"."breakout_end_reason" AS ENUM('timer', 'moderator', 'session_ended');--> statement-breakpoint
CREATE TYPE "public"."breakout_main_stage" AS ENUM('running', 'paused');--> statement-breakpoint
CREATE TYPE "public"."breakout_status" AS ENUM('open', 'ended');--> statement-breakpoint
CREATE TABLE "breakout_help" (
	"id" text PRIMARY KEY NOT NULL,
	"breakout_id" text NOT NULL,
	"table_id" text NOT NULL,
	"identity" text NOT NULL,
	"name" text NOT NULL,
	"note" text,
	"asked_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "breakout_placements" (
	"breakout_id" text NOT NULL,
	"session_id" text NOT NULL,
	"identity" text NOT NULL,
	"table_id" text NOT NULL,
	"placed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "breakout_placements_breakout_id_identity_pk" PRIMARY KEY("breakout_id","identity")
);
--> statement-breakpoint
CREATE TABLE "breakout_tables" (
	"id" text PRIMARY KEY NOT NULL,
	"breakout_id" text NOT NULL,
	"number" integer NOT NULL,
	"name" text,
	"topic" text
);
--> statement-breakpoint
CREATE TABLE "breakouts" (
	"id" text PRIMARY KEY NOT NULL,
	"session_id" text NOT NULL,
	"status" "breakout_status" DEFAULT 'open' NOT NULL,
	"assignment" "breakout_assignment" NOT NULL,
	"size_limit" integer NOT NULL,
	"main_stage" "breakout_main_stage" NOT NULL,
	"opened_by" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"warned_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"end_reason" "breakout_end_reason",
	"rooms_closed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "breakout_help" ADD CONSTRAINT "breakout_help_breakout_id_breakouts_id_fk" FOREIGN KEY ("breakout_id") REFERENCES "public"."breakouts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breakout_help" ADD CONSTRAINT "breakout_help_table_id_breakout_tables_id_fk" FOREIGN KEY ("table_id") REFERENCES "public"."breakout_tables"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breakout_placements" ADD CONSTRAINT "breakout_placements_breakout_id_breakouts_id_fk" FOREIGN KEY ("breakout_id") REFERENCES "public"."breakouts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breakout_placements" ADD CONSTRAINT "breakout_placements_table_id_breakout_tables_id_fk" FOREIGN KEY ("table_id") REFERENCES "public"."breakout_tables"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breakout_tables" ADD CONSTRAINT "breakout_tables_breakout_id_breakouts_id_fk" FOREIGN KEY ("breakout_id") REFERENCES "public"."breakouts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breakouts" ADD CONSTRAINT "breakouts_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "breakout_help_table_idx" ON "breakout_help" USING btree ("table_id");--> statement-breakpoint
CREATE INDEX "breakout_placements_table_idx" ON "breakout_placements" USING btree ("table_id");--> statement-breakpoint
CREATE INDEX "breakout_placements_person_idx" ON "breakout_placements" USING btree ("session_id","identity");--> statement-breakpoint
CREATE UNIQUE INDEX "breakout_tables_number_idx" ON "breakout_tables" USING btree ("breakout_id","number");--> statement-breakpoint
CREATE INDEX "breakouts_session_idx" ON "breakouts" USING btree ("session_id","opened_at");--> statement-breakpoint
CREATE UNIQUE INDEX "breakouts_one_open_idx" ON "breakouts" USING btree ("session_id") WHERE "breakouts"."status" = 'open';
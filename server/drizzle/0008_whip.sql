CREATE TYPE "public"."whip_shown_as" AS ENUM('camera', 'screen_share');--> statement-breakpoint
CREATE TABLE "whip_keys" (
	"session_id" text NOT NULL,
	"identity" text NOT NULL,
	"generation" integer NOT NULL,
	"shown_as" "whip_shown_as" NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "whip_keys_session_id_identity_pk" PRIMARY KEY("session_id","identity")
);
--> statement-breakpoint
ALTER TABLE "whip_keys" ADD CONSTRAINT "whip_keys_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;
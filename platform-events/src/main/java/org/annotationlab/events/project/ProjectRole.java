package org.annotationlab.events.project;

/** A user's role in one project (DESIGN.md §2), carried to every service by membership events. */
public enum ProjectRole {
    OWNER, MANAGER, REVIEWER, ANNOTATOR
}

package org.annotationlab.web.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.annotationlab.events.project.ProjectRole;
import org.junit.jupiter.api.Test;

/**
 * The permission table in code is the one docs/roles.md publishes: each permission, row by row,
 * allows exactly the roles the table says "yes" (possibly qualified, e.g. "yes (assigned tasks)") for.
 */
class ProjectPermissionTest {

    /** The table's role columns, in order. */
    private static final ProjectRole[] COLUMNS = {ProjectRole.OWNER, ProjectRole.MANAGER, ProjectRole.REVIEWER,
        ProjectRole.ANNOTATOR};

    @Test
    void theCodeAllowsWhatRolesMdSays() throws IOException {
        Map<ProjectPermission, Set<ProjectRole>> documented = documented(Path.of("..", "docs", "roles.md"));

        assertEquals(EnumSet.allOf(ProjectPermission.class), documented.keySet(), "a row per permission, no other");
        for (ProjectPermission permission : ProjectPermission.values()) {
            Set<ProjectRole> allowed = EnumSet.noneOf(ProjectRole.class);
            for (ProjectRole role : ProjectRole.values()) {
                if (permission.allows(role)) {
                    allowed.add(role);
                }
            }
            assertEquals(documented.get(permission), allowed, permission + ": code and docs/roles.md disagree");
            assertFalse(permission.allows(null), permission + " allows a caller without a role");
        }
    }

    /** The rows of the "Project roles" table: permission → the roles marked yes. */
    private static Map<ProjectPermission, Set<ProjectRole>> documented(Path rolesMd) throws IOException {
        Map<ProjectPermission, Set<ProjectRole>> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(rolesMd)) {
            String[] cells = line.split("\\|");
            // | action | Owner | Manager | Reviewer | Annotator | `PERMISSION` |
            if (cells.length != 7 || !cells[6].strip().matches("`[A-Z_]+`")) {
                continue;
            }
            Set<ProjectRole> allowed = EnumSet.noneOf(ProjectRole.class);
            for (int i = 0; i < COLUMNS.length; i++) {
                String cell = cells[2 + i].strip();
                if (cell.startsWith("yes")) {
                    allowed.add(COLUMNS[i]);
                } else if (!cell.equals("no")) {
                    throw new AssertionError("roles.md: neither yes nor no: " + line);
                }
            }
            rows.put(ProjectPermission.valueOf(cells[6].strip().replace("`", "")), allowed);
        }
        return rows;
    }
}

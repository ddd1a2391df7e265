"""The left pane: topics, then their exercises, each marked with its latest check's status."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from grader.exercise import Exercise
from grader.learner import TOPICS

# error counts as not passing: the learner has something to fix either way.
_ICONS = {"pass": ("✔", "green"), "fail": ("✘", "red"), "error": ("✘", "red")}
_NOT_STARTED = ("·", "dim")
BAR_CELLS = 5  # a topic's progress bar: fits the 24-column pane beside "functions 3/4"


class TopicTree(Tree[str | None]):
    """Exercises grouped by topic; a node's data is its exercise id (None for a topic)."""

    def __init__(self, exercises: list[Exercise], statuses: dict[str, str], *,
                 id: str | None = None) -> None:
        super().__init__("exercises", id=id)
        self.show_root = False
        self.guide_depth = 2
        self._statuses = dict(statuses)
        self._by_topic: dict[str, list[Exercise]] = {topic: [] for topic in TOPICS}
        for exercise in sorted(exercises, key=lambda e: e.id):
            self._by_topic.setdefault(exercise.topic, []).append(exercise)
        self._topic_nodes: dict[str, TreeNode[str | None]] = {}
        self._exercise_nodes: dict[str, TreeNode[str | None]] = {}
        for topic, members in self._by_topic.items():
            if not members:
                self.root.add_leaf(Text.assemble(topic, ("  none yet", "dim")), data=None)
                continue
            topic_node = self.root.add(self._topic_label(topic), data=None, expand=True)
            self._topic_nodes[topic] = topic_node
            for exercise in members:
                self._exercise_nodes[exercise.id] = topic_node.add_leaf(
                    self._exercise_label(exercise), data=exercise.id)
        self._exercises = {e.id: e for e in exercises}

    def in_order(self) -> list[str]:
        """Exercise ids in the tree's order: 'the first unfinished one' means what it shows."""
        return [e.id for members in self._by_topic.values() for e in members]

    def status(self, exercise_id: str) -> str | None:
        return self._statuses.get(exercise_id)

    def set_status(self, exercise_id: str, status: str) -> None:
        """Record a new check result and redraw its icon and its topic's count."""
        self._statuses[exercise_id] = status
        exercise = self._exercises[exercise_id]
        self._exercise_nodes[exercise_id].set_label(self._exercise_label(exercise))
        self._topic_nodes[exercise.topic].set_label(self._topic_label(exercise.topic))

    def select_exercise(self, exercise_id: str) -> None:
        """Put the cursor on an exercise without opening it again."""
        node = self._exercise_nodes[exercise_id]
        self.move_cursor(node)

        def reveal_with_its_topic() -> None:
            # Once laid out (before that the tree scrolls as if it had no height), show the
            # topic's heading too, not just the exercise's line.
            if node.parent is not None:
                self.scroll_to_node(node.parent, animate=False)
            self.scroll_to_node(node, animate=False)

        self.call_after_refresh(reveal_with_its_topic)

    def _exercise_label(self, exercise: Exercise) -> Text:
        icon, style = _ICONS.get(self._statuses.get(exercise.id, ""), _NOT_STARTED)
        return Text.assemble((icon, style), " ", (exercise.id, "bold"), " ", exercise.slug)

    def _topic_label(self, topic: str) -> Text:
        members = self._by_topic[topic]
        done = sum(self._statuses.get(e.id) == "pass" for e in members)
        filled = round(BAR_CELLS * done / len(members))
        return Text.assemble((f"{topic:<9} ", "bold"), ("━" * filled, "green"),
                             ("━" * (BAR_CELLS - filled), "grey35"),
                             (f" {done}/{len(members)}", "dim"))

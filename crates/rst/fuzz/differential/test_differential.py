"""The fuzzer's own parts, without Pelican: `python3 -m unittest test_differential`
(crates/cli/tests/oracle_cases.rs runs it too)."""
import io
import json
import os
import subprocess
import tempfile
import time
import unittest

import difference
import gen
import oracle_server
import shrink

READS = []  # what the readings of one server have left behind, as module state would be


class GeneratorTest(unittest.TestCase):
    def test_the_same_seed_gives_the_same_post(self):
        self.assertEqual(gen.generate(42), gen.generate(42))

    def test_different_seeds_give_different_posts(self):
        posts = {gen.generate(seed) for seed in range(50)}
        self.assertGreater(len(posts), 45)

    def test_posts_cover_the_constructs_of_the_grammar(self):
        text = "\n".join(gen.generate(seed) for seed in range(300))
        for construct in (".. image::", ".. figure::", ".. code-block::", ".. code::",
                          ".. contents::", ".. topic::", ".. raw:: html", ".. class::",
                          ".. note::", ".. admonition::", "+---", "===  ", "| ", "::\n",
                          "[#]_", ".. _", ".. |", ":abbr:`", "`_", "\\*", ":tags:",
                          "日本", "🎉", "é"):
            self.assertIn(construct, text)

    def test_every_reference_a_post_makes_is_defined_in_it(self):
        for seed in range(200):
            post = gen.Post(seed)
            text = post.document()
            for key, (name, _) in post.targets.items():
                self.assertIn(f".. _{name}:", text, f"seed {seed}")
            for name in post.substs:
                self.assertIn(f".. |{name}|", text, f"seed {seed}")

    def test_width_counts_wide_characters_twice(self):
        self.assertEqual(gen.width("ab"), 2)
        self.assertEqual(gen.width("日本"), 4)


class DifferenceTest(unittest.TestCase):
    def post(self, content, title="T", **extra):
        return dict({"title": title, "metadata": {"title": title}, "content": content,
                     "error": None, "diagnostics": []}, **extra)

    def test_equal_output_has_no_signature(self):
        self.assertIsNone(difference.judge(self.post("<p>a</p>"), self.post("<p>a</p>"))[0])

    def test_the_same_cause_in_other_words_gives_the_same_signature(self):
        one = difference.judge(self.post("<p><tt>x</tt> one</p>"),
                               self.post("<p><code>x</code> one</p>"))[0]
        two = difference.judge(self.post("<p>other <tt>y</tt></p>"),
                               self.post("<p>other <code>y</code></p>"))[0]
        self.assertEqual(one, two)
        self.assertEqual(one, "content: -<tt> +<code>")

    def test_a_differing_attribute_is_named(self):
        sig = difference.judge(self.post('<p><a class="x" href="u1">a</a></p>'),
                               self.post('<p><a class="x" href="u2">a</a></p>'))[0]
        self.assertEqual(sig, 'content: <a class="x" href> differs in href')

    def test_a_missing_class_is_named_whatever_the_element_carries(self):
        sig = difference.judge(self.post('<div class="last figure"><p>a</p></div>'),
                               self.post('<div class="figure"><p>a</p></div>'))[0]
        self.assertEqual(sig, "content: <div> class -last")

    def test_an_element_out_of_place_is_extra_whatever_follows_it(self):
        toc = '<div class="contents topic" id="c"><p>x</p></div>'
        for rest in ("<p>a</p>", "<ul><li>b</li></ul>"):
            sig = difference.judge(self.post(rest), self.post(toc + rest))[0]
            self.assertEqual(sig, 'content: extra <div class="contents topic" id>')

    def test_a_warning_where_pelican_reads_cleanly_is_a_false_warning(self):
        ours = self.post("<p>a</p>", diagnostics=[
            {"line": 3, "severity": "error", "message": 'Unknown target "x" at 12'}])
        sig = difference.judge(self.post("<p>a</p>"), ours)[0]
        self.assertEqual(sig, 'false-warning: Unknown target "…" at N')

    def test_an_error_pelican_raises_and_we_miss_is_a_missed_error(self):
        theirs = self.post(None, error='SystemMessage: post.rst:4: (ERROR/3) Unknown '
                                       'directive type "youtube".')
        sig = difference.judge(theirs, self.post("<p>a</p>"))[0]
        self.assertEqual(sig, 'missed-error: (ERROR/N) Unknown directive type "…".')

    def test_no_json_from_our_renderer_is_a_crash(self):
        self.assertEqual(difference.judge(self.post("<p>a</p>"), None)[0], "crash")


class ShrinkTest(unittest.TestCase):
    def test_ddmin_keeps_only_what_the_property_needs(self):
        parts = list("abcdefghijklmnop")
        kept = shrink.ddmin(parts, lambda s: "d" in s and "k" in s, "".join,
                            time.monotonic() + 10)
        self.assertEqual(kept, ["d", "k"])

    def test_a_date_pelican_completes_from_today_is_not_kept(self):
        today = {"metadata": {"date": "2020-12-03T00:00:00"}}
        self.assertFalse(shrink.dates_are_written_out(":date: 2020\n", today))
        written = {"metadata": {"date": "2020-03-03T00:00:00"}}
        self.assertTrue(shrink.dates_are_written_out(":date: March 3, 2020\n", written))
        self.assertTrue(shrink.dates_are_written_out(":date: 2020-03-03\n", written))

    def test_blocks_start_at_the_margin_after_a_blank_line(self):
        text = "Title\n=====\n\npara\n  more\n\n- a\n\n  b\n\nend"
        self.assertEqual(shrink.blocks_of(text),
                         ["Title\n=====\n", "para\n  more\n", "- a\n\n  b\n", "end"])


class OracleServerTest(unittest.TestCase):
    def serve(self, render, paths):
        answers = io.StringIO()
        oracle_server.serve(render, io.StringIO("".join(p + "\n" for p in paths)), answers)
        return [json.loads(line) for line in answers.getvalue().splitlines()]

    def test_no_reading_sees_what_an_earlier_one_left_in_the_interpreter(self):
        def render(path):
            READS.append(path)
            return {"file": path, "reads_seen": list(READS)}
        answers = self.serve(render, ["a.rst", "b.rst", "c.rst"])
        self.assertEqual([a["reads_seen"] for a in answers],
                         [["a.rst"], ["b.rst"], ["c.rst"]])
        self.assertEqual(READS, [], "the readings ran in the server itself")

    def test_a_reading_that_dies_is_answered_with_an_error_and_the_next_goes_on(self):
        def render(path):
            if path == "dies.rst":
                os._exit(3)
            return {"file": path, "error": None}
        answers = self.serve(render, ["dies.rst", "next.rst"])
        self.assertIn("status", answers[0]["error"])
        self.assertEqual(answers[1], {"file": "next.rst", "error": None})

    def test_pelican_in_the_server_reads_a_post_as_a_fresh_oracle_does(self):
        """A `.. role::` in one post registers the role in docutils' module state; the
        next post, which uses it undefined, must still fail as it does alone."""
        if not os.access(shrink.ORACLE_PYTHON, os.X_OK):
            self.skipTest("no oracle Python (ORACLE_PYTHON)")
        with tempfile.TemporaryDirectory() as folder:
            defines = os.path.join(folder, "defines.rst")
            uses = os.path.join(folder, "uses.rst")
            with open(defines, "w", encoding="utf-8") as f:
                f.write("A\n=\n\n.. role:: shout\n\nSome :shout:`text`.\n")
            with open(uses, "w", encoding="utf-8") as f:
                f.write("B\n=\n\nSome :shout:`text`.\n")
            alone = subprocess.run(
                [shrink.ORACLE_PYTHON, os.path.join(difference.TOOLS, "oracle.py"), uses],
                capture_output=True, check=True, text=True)
            server = shrink.Oracle()
            try:
                self.assertIsNone(server.read(defines)["error"])
                after = server.read(uses)
            finally:
                server.close()
        self.assertEqual(after, json.loads(alone.stdout.splitlines()[0]))
        self.assertIn("shout", after["error"])


if __name__ == "__main__":
    unittest.main()
